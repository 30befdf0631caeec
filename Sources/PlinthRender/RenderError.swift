/// Why rendering or writing stopped. Every case names what to look at.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// The spec refers to something the renderer cannot place (a bug in validation if it happens).
    case inconsistentSpec(String)
    /// The stacks do not form an orderable graph (a renderer bug if it happens).
    case stackGraph(StackGraphError)
    /// Writing the tree failed; the previous tree is untouched.
    case writeFailed(path: String, reason: String)
    /// A provider schema file is missing or unreadable.
    case schemaUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .inconsistentSpec(let message): "cannot render: \(message)"
        case .stackGraph(let error): "the stack graph cannot be ordered: \(error)"
        case .writeFailed(let path, let reason): "could not write \(path): \(reason); the previous tree is unchanged"
        case .schemaUnavailable(let path, let reason): "provider schema \(path) unavailable: \(reason)"
        }
    }
}
