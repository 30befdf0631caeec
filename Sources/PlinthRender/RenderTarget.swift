/// Where rendered stacks will run. The same spec renders differently for a real AWS organization
/// and for a local emulator, so the target is chosen once, up front, and every stack follows it.
public enum RenderTarget: Sendable, Equatable {
    /// Real AWS: S3 backend in the state account, assume-role into each account's deploy role, and
    /// every resource on.
    case aws
    /// A local AWS emulator (moto) at `endpoint`, such as `http://127.0.0.1:5000`: test
    /// credentials, every service endpoint and the backend pointed at it, no assume-role, and the
    /// resources the emulator cannot serve switched off (each listed in `disabled`).
    case local(endpoint: String)

    /// The emulator endpoint, or nil for real AWS.
    public var localEndpoint: String? {
        if case .local(let endpoint) = self { return endpoint }
        return nil
    }
}
