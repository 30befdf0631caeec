import Hummingbird
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

public struct BatchCheckResponse: Codable, Sendable, ResponseEncodable {
    public var results: [CheckResponse]
    public var policyVersion: Int
}

/// `POST /v1/admin/roles/{role}/grants` body and grant identity.
public struct GrantBody: Codable, Sendable {
    public var permission: Permission
    public var scope: GrantScope
}

/// `POST /v1/admin/roles` body.
public struct RoleBody: Codable, Sendable {
    public var name: String?
    public var description: String?
    public var grants: [Grant]?
}

/// `PUT /v1/admin/roles/{role}` body. The path names the role, so a name in the body could only
/// repeat or contradict it: the service refuses one (`namesRole`) rather than guess which is meant.
public struct RoleUpdate: Decodable, Sendable {
    public var description: String?
    public var grants: [Grant]?
    /// Whether the body has a `name` member, whatever its value.
    public var namesRole: Bool

    enum CodingKeys: String, CodingKey {
        case name, description, grants
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        grants = try container.decodeIfPresent([Grant].self, forKey: .grants)
        namesRole = container.contains(.name)
    }
}

/// What an admin change answers: the role after the change (absent when deleted) and the new version.
public struct ChangeResponse: Codable, Sendable, ResponseEncodable {
    public var policyVersion: Int
    public var role: Role?
}
