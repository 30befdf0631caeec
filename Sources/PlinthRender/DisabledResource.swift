/// A resource a render target switched off, and why. The local target lists every one so that
/// nothing the real platform has is dropped silently.
public struct DisabledResource: Sendable, Equatable, Codable, Hashable {
    /// Stack id the resource belongs to.
    public var stack: String
    /// What was switched off, as a module input and the resources it governs (e.g. `enable_grafana`).
    public var resource: String
    /// Why the target cannot have it.
    public var reason: String

    public init(stack: String, resource: String, reason: String) {
        self.stack = stack
        self.resource = resource
        self.reason = reason
    }
}
