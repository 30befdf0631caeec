/// The policy as shipped to services for in-process evaluation: a document and its version.
public struct PolicyBundle: Hashable, Sendable, Codable {
    public var version: Int
    public var document: PolicyDocument

    public init(version: Int, document: PolicyDocument) {
        self.version = version
        self.document = document
    }

    /// The HTTP entity tag of this bundle; versions only grow, so the version identifies the content.
    public var etag: String { "\"policy-v\(version)\"" }
}
