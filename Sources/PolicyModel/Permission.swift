/// A fine-grained permission in `resource:action` form, such as `patient_record:read`.
///
/// Kept as two parts so the evaluator can compare the resource kind of a request with the
/// permission without re-parsing the text on every decision.
public struct Permission: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let resource: String
    public let action: String

    /// Parses `resource:action`; each part is lower-case letters, digits and `_`, starting with a letter.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let resource = text[..<colon]
        let action = text[text.index(after: colon)...]
        guard Permission.isName(resource), Permission.isName(action) else { return nil }
        self.resource = String(resource)
        self.action = String(action)
    }

    public var description: String { "\(resource):\(action)" }

    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        (lhs.resource, lhs.action) < (rhs.resource, rhs.action)
    }

    static func isName(_ part: Substring) -> Bool {
        guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Permission(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a permission in resource:action form"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
