import PlinthLoader
import PlinthSpec
import PolicyModel

/// The one place where platform.yaml's application roles become a policy document.
public enum PolicySeed {
    public enum SeedError: Error, CustomStringConvertible {
        case invalidSpec([String])
        case invalidPolicy([String])

        public var description: String {
            switch self {
            case .invalidSpec(let messages): "platform.yaml is not valid: " + messages.joined(separator: "; ")
            case .invalidPolicy(let problems): "the roles in platform.yaml do not form a valid policy: " + problems.joined(separator: "; ")
            }
        }
    }

    /// Maps `identity.application` to a policy document.
    public static func document(from application: ApplicationAuthorizationSpec) throws(SeedError) -> PolicyDocument {
        var problems: [String] = []
        func permission(_ name: PermissionName) -> Permission? {
            guard let parsed = Permission(name.rawValue) else {
                problems.append("'\(name.rawValue)' is not resource:action")
                return nil
            }
            return parsed
        }
        let permissions = application.permissions.compactMap { spec in
            permission(spec.name).map { PermissionDefinition(name: $0, description: spec.description) }
        }
        let roles = application.roles.map { role in
            Role(
                name: role.name, description: role.description,
                grants: role.grants.compactMap { grant in
                    permission(grant.permission).map { Grant(permission: $0, scope: scope(grant.scope)) }
                })
        }
        let document = PolicyDocument(permissions: permissions, roles: roles)
        problems += document.problems()
        guard problems.isEmpty else { throw .invalidPolicy(problems) }
        return document
    }

    /// Loads platform.yaml and maps its application roles.
    public static func document(platformFile path: String) throws(SeedError) -> PolicyDocument {
        let result = SpecLoader().load(path: path)
        guard let spec = result.spec else {
            throw .invalidSpec(result.errors.map(\.description))
        }
        return try document(from: spec.identity.application)
    }

    static func scope(_ spec: GrantScopeSpec) -> GrantScope {
        switch spec {
        case .clinic: .clinic
        case .own: .own
        case .global: .global
        }
    }
}
