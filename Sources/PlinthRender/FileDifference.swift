/// How a file on disk differs from what the spec renders; `plinth render --check` reports these.
public struct FileDifference: Sendable, Equatable, Hashable {
    /// What kind of difference.
    public enum Kind: String, Sendable, Equatable, Hashable {
        /// On disk with other contents than rendered.
        case changed
        /// Rendered but absent on disk.
        case missing
        /// On disk but no longer rendered (stale).
        case extra
    }

    /// Path relative to the output root.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}
