/// A permission given to a role within a scope.
public struct Grant: Hashable, Sendable, Codable {
    public var permission: Permission
    public var scope: GrantScope

    public init(permission: Permission, scope: GrantScope) {
        self.permission = permission
        self.scope = scope
    }
}
