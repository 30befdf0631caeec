/// A policy bundle indexed for evaluation: role name to permission to the scopes granted.
///
/// Deny by default: an action is allowed only when one of the principal's roles grants the
/// permission in a scope the principal and the resource satisfy. Evaluation reads only this value,
/// never a database, so callers keep deciding while storage is away.
public struct CompiledPolicy: Sendable {
    public let version: Int
    private let known: Set<Permission>
    private let index: [String: [Permission: ScopeSet]]

    public init(_ bundle: PolicyBundle) {
        version = bundle.version
        known = Set(bundle.document.permissions.map(\.name))
        var index: [String: [Permission: ScopeSet]] = [:]
        for role in bundle.document.roles {
            var grants: [Permission: ScopeSet] = [:]
            for grant in role.grants { grants[grant.permission, default: ScopeSet()].insert(grant.scope) }
            index[role.name] = grants
        }
        self.index = index
    }

    /// Whether the policy defines a role of this name.
    public func hasRole(_ name: String) -> Bool { index[name] != nil }

    /// Decides an action given as text; text that is not `resource:action` is denied.
    public func evaluate(_ principal: Principal, action: String, resource: ResourceRef) -> Decision {
        guard let permission = Permission(action) else { return .deny(.unknownPermission, version: version) }
        return evaluate(principal, permission: permission, resource: resource)
    }

    /// Decides whether `principal` may perform `permission` on `resource`.
    public func evaluate(_ principal: Principal, permission: Permission, resource: ResourceRef) -> Decision {
        guard known.contains(permission) else { return .deny(.unknownPermission, version: version) }
        guard resource.kind == permission.resource else { return .deny(.resourceKindMismatch, version: version) }
        guard !principal.roles.isEmpty else { return .deny(.noRoles, version: version) }
        var reason = DenialReason.unknownRole
        for roleName in principal.roles {
            guard let grants = index[roleName] else { continue }
            guard let scopes = grants[permission] else {
                reason = max(reason, .notGranted)
                continue
            }
            if scopes.contains(.global) {
                return .allow(MatchedGrant(role: roleName, permission: permission, scope: .global), version: version)
            }
            if scopes.contains(.clinic) {
                if let mine = principal.clinicID, let theirs = resource.clinicID, !mine.isEmpty {
                    if mine == theirs {
                        return .allow(MatchedGrant(role: roleName, permission: permission, scope: .clinic), version: version)
                    }
                    reason = max(reason, .otherClinic)
                } else {
                    reason = max(reason, .missingClinic)
                }
            }
            if scopes.contains(.own) {
                if let owner = resource.ownerID, !owner.isEmpty, owner == principal.subject {
                    return .allow(MatchedGrant(role: roleName, permission: permission, scope: .own), version: version)
                }
                reason = max(reason, .notOwner)
            }
        }
        return .deny(reason, version: version)
    }
}

/// The scopes one role grants one permission in, as three bits.
struct ScopeSet: Sendable {
    private var bits: UInt8 = 0

    mutating func insert(_ scope: GrantScope) { bits |= ScopeSet.bit(scope) }
    func contains(_ scope: GrantScope) -> Bool { bits & ScopeSet.bit(scope) != 0 }

    private static func bit(_ scope: GrantScope) -> UInt8 {
        switch scope {
        case .clinic: 1
        case .own: 2
        case .global: 4
        }
    }
}
