/// A fine-grained permission in `resource:action` form, such as `patient_record:read`.
///
/// Kept as two parts so the evaluator can compare the resource kind of a request with the
/// permission without re-parsing the text on every decision.
public struct Permission: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let resource: String
    public let action: String

    /// Parses `resource:action`; each part is lower-case letters, digits and `_`, starting with a letter.
    public init?(_ text: String) {
        // Read as UTF-8 bytes: a valid permission is ASCII, and every check parses the action, so the
        // grapheme-by-grapheme search this used to do showed in the cost of each check. The answer
        // is the same: any non-ASCII byte fails `isName`, and an ASCII colon is a Character of its own.
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let resource = utf8[..<colon]
        let action = utf8[utf8.index(after: colon)...]
        guard Permission.isName(resource), Permission.isName(action) else { return nil }
        self.resource = String(decoding: resource, as: UTF8.self)
        self.action = String(decoding: action, as: UTF8.self)
    }

    public var description: String { "\(resource):\(action)" }

    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        (lhs.resource, lhs.action) < (rhs.resource, rhs.action)
    }

    /// `isName` over UTF-8: a byte in a-z, 0-9 or _ is exactly such a scalar; anything else fails.
    static func isName(_ part: Substring.UTF8View) -> Bool {
        guard let first = part.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return part.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_")
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Permission(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a permission in resource:action form"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
