/// The answer to a check: allowed with the grant that matched, or denied with the reason.
public struct Decision: Hashable, Sendable, Codable {
    public var allowed: Bool
    /// The grant that allowed the action, with the role that carried it.
    public var grant: MatchedGrant?
    /// Why the action was denied; nil when allowed.
    public var reason: DenialReason?
    public var policyVersion: Int

    public static func allow(_ grant: MatchedGrant, version: Int) -> Decision {
        Decision(allowed: true, grant: grant, reason: nil, policyVersion: version)
    }

    public static func deny(_ reason: DenialReason, version: Int) -> Decision {
        Decision(allowed: false, grant: nil, reason: reason, policyVersion: version)
    }
}

/// A grant named together with the role that holds it.
public struct MatchedGrant: Hashable, Sendable, Codable {
    public var role: String
    public var permission: Permission
    public var scope: GrantScope

    public init(role: String, permission: Permission, scope: GrantScope) {
        self.role = role
        self.permission = permission
        self.scope = scope
    }
}

/// Why a check was denied. Ordered from least to most specific, so the most telling reason among a
/// principal's roles is the one reported.
public enum DenialReason: String, Hashable, Sendable, Codable, Comparable {
    /// The action is not `resource:action`, or names a permission the policy does not define.
    case unknownPermission = "unknown_permission"
    /// The action's resource part differs from the resource kind.
    case resourceKindMismatch = "resource_kind_mismatch"
    /// The principal holds no roles.
    case noRoles = "no_roles"
    /// None of the principal's roles exists in the policy.
    case unknownRole = "unknown_role"
    /// No role of the principal grants the permission.
    case notGranted = "not_granted"
    /// A clinic-scoped grant exists, but the principal or the resource has no clinic.
    case missingClinic = "missing_clinic"
    /// A clinic-scoped grant exists, but the resource belongs to another clinic.
    case otherClinic = "other_clinic"
    /// A self-scoped grant exists, but the resource belongs to someone else (or to no one known).
    case notOwner = "not_owner"

    private var rank: Int {
        switch self {
        case .unknownPermission: 0
        case .resourceKindMismatch: 1
        case .noRoles: 2
        case .unknownRole: 3
        case .notGranted: 4
        case .missingClinic: 5
        case .notOwner: 6
        case .otherClinic: 7
        }
    }

    public static func < (lhs: DenialReason, rhs: DenialReason) -> Bool { lhs.rank < rhs.rank }
}
