/// A permission the policy knows about, with what it allows; grants may only name known permissions.
public struct PermissionDefinition: Hashable, Sendable, Codable {
    public var name: Permission
    public var description: String

    public init(name: Permission, description: String = "") {
        self.name = name
        self.description = description
    }
}
