/// The whole authorization policy at one version: the known permissions and the roles with their grants.
///
/// It is a value: a change produces a new document, which the store saves as a new version, so the
/// history is simply the list of documents.
public struct PolicyDocument: Hashable, Sendable, Codable {
    public var permissions: [PermissionDefinition]
    public var roles: [Role]

    public init(permissions: [PermissionDefinition] = [], roles: [Role] = []) {
        self.permissions = permissions
        self.roles = roles
    }

    public func role(named name: String) -> Role? { roles.first { $0.name == name } }

    /// Problems that make the document unusable; empty when it is valid.
    public func problems() -> [String] {
        var problems: [String] = []
        let known = Set(permissions.map(\.name))
        if known.count != permissions.count { problems.append("a permission is defined twice") }
        var seen = Set<String>()
        for role in roles {
            if !Role.isValidName(role.name) { problems.append("'\(role.name)' is not a valid role name") }
            if !seen.insert(role.name).inserted { problems.append("role '\(role.name)' is defined twice") }
            var grants = Set<Grant>()
            for grant in role.grants {
                if !known.contains(grant.permission) {
                    problems.append("role '\(role.name)' grants unknown permission '\(grant.permission)'")
                }
                if !grants.insert(grant).inserted {
                    problems.append("role '\(role.name)' grants '\(grant.permission)' with scope \(grant.scope.rawValue) twice")
                }
            }
        }
        return problems
    }

    /// Applies a change, or says why it cannot be applied; the receiver is never modified.
    public func applying(_ change: PolicyChange) -> Result<PolicyDocument, PolicyChangeError> {
        var next = self
        switch change {
        case .createRole(let role):
            guard self.role(named: role.name) == nil else { return .failure(.conflict("role '\(role.name)' already exists")) }
            next.roles.append(role)
        case .replaceRole(let role):
            guard let index = roles.firstIndex(where: { $0.name == role.name }) else {
                return .failure(.notFound("no role named '\(role.name)'"))
            }
            next.roles[index] = role
        case .deleteRole(let name):
            guard let index = roles.firstIndex(where: { $0.name == name }) else {
                return .failure(.notFound("no role named '\(name)'"))
            }
            next.roles.remove(at: index)
        case .addGrant(let roleName, let grant):
            guard let index = roles.firstIndex(where: { $0.name == roleName }) else {
                return .failure(.notFound("no role named '\(roleName)'"))
            }
            guard !roles[index].grants.contains(grant) else {
                return .failure(.conflict("role '\(roleName)' already grants '\(grant.permission)' with scope \(grant.scope.rawValue)"))
            }
            next.roles[index].grants.append(grant)
        case .removeGrant(let roleName, let grant):
            guard let index = roles.firstIndex(where: { $0.name == roleName }) else {
                return .failure(.notFound("no role named '\(roleName)'"))
            }
            guard let grantIndex = roles[index].grants.firstIndex(of: grant) else {
                return .failure(.notFound("role '\(roleName)' does not grant '\(grant.permission)' with scope \(grant.scope.rawValue)"))
            }
            next.roles[index].grants.remove(at: grantIndex)
        }
        // Permissions come from the platform spec and no change adds one, so a grant of one the
        // policy does not define conflicts with the policy as it stands; the change is well formed.
        let known = Set(permissions.map(\.name))
        if let role = next.role(named: change.roleName), let grant = role.grants.first(where: { !known.contains($0.permission) }) {
            return .failure(.conflict("role '\(role.name)' grants unknown permission '\(grant.permission)'"))
        }
        let problems = next.problems()
        guard problems.isEmpty else { return .failure(.invalid(problems)) }
        return .success(next)
    }
}

/// One administrative change to the policy; each becomes one new version and one audit entry.
public enum PolicyChange: Hashable, Sendable {
    case createRole(Role)
    case replaceRole(Role)
    case deleteRole(String)
    case addGrant(role: String, grant: Grant)
    case removeGrant(role: String, grant: Grant)

    /// Short name of the change for the audit log, e.g. `role.create`.
    public var kind: String {
        switch self {
        case .createRole: "role.create"
        case .replaceRole: "role.update"
        case .deleteRole: "role.delete"
        case .addGrant: "grant.create"
        case .removeGrant: "grant.delete"
        }
    }

    /// The role the change concerns.
    public var roleName: String {
        switch self {
        case .createRole(let role), .replaceRole(let role): role.name
        case .deleteRole(let name): name
        case .addGrant(let role, _), .removeGrant(let role, _): role
        }
    }
}

/// Why a change was refused.
public enum PolicyChangeError: Error, Hashable, Sendable {
    case notFound(String)
    case conflict(String)
    case invalid([String])

    public var message: String {
        switch self {
        case .notFound(let message), .conflict(let message): message
        case .invalid(let problems): problems.joined(separator: "; ")
        }
    }
}
