/// A named role, as it appears in the roles claim of a token, and the grants it carries.
public struct Role: Hashable, Sendable, Codable {
    public var name: String
    public var description: String
    public var grants: [Grant]

    public init(name: String, description: String = "", grants: [Grant] = []) {
        self.name = name
        self.description = description
        self.grants = grants
    }

    /// Role names: lower-case letters, digits, `_` and `-`, starting with a letter, at most 64 characters.
    public static func isValidName(_ name: String) -> Bool {
        guard name.count <= 64, let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
