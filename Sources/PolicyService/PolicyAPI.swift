import PolicyModel

/// `POST /v1/check` body: an action on a resource, for the caller or, for services, for `principal`.
public struct CheckRequest: Codable, Sendable {
    public var principal: Principal?
    public var action: String
    public var resource: ResourceRef

    public init(principal: Principal? = nil, action: String, resource: ResourceRef) {
        self.principal = principal
        self.action = action
        self.resource = resource
    }
}

/// `POST /v1/check/batch` body: up to 100 checks for one principal.
public struct BatchCheckRequest: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var action: String
        public var resource: ResourceRef
    }

    public var principal: Principal?
    public var checks: [Item]
}

/// The answer to one check.
public struct CheckResponse: Codable, Sendable, Equatable {
    public var decision: String
    public var allowed: Bool
    public var grant: MatchedGrant?
    public var reason: DenialReason?
    public var policyVersion: Int

    init(_ decision: Decision) {
        self.decision = decision.allowed ? "allow" : "deny"
        allowed = decision.allowed
        grant = decision.grant
        reason = decision.reason
        policyVersion = decision.policyVersion
    }
}

public struct BatchCheckResponse: Codable, Sendable {
    public var results: [CheckResponse]
    public var policyVersion: Int
}

/// `POST /v1/admin/roles/{role}/grants` body and grant identity.
public struct GrantBody: Codable, Sendable {
    public var permission: Permission
    public var scope: GrantScope
}

/// `POST /v1/admin/roles` and `PUT /v1/admin/roles/{role}` body.
public struct RoleBody: Codable, Sendable {
    public var name: String?
    public var description: String?
    public var grants: [Grant]?
}

/// What an admin change answers: the role after the change (absent when deleted) and the new version.
public struct ChangeResponse: Codable, Sendable {
    public var policyVersion: Int
    public var role: Role?
}
