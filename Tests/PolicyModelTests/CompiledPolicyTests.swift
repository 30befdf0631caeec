import Testing

@testable import PolicyModel

struct CompiledPolicyTests {
    static let read = PolicyDocumentTests.permission("chart:read")
    static let write = PolicyDocumentTests.permission("chart:write")
    static let audit = PolicyDocumentTests.permission("audit:read")
    static let policy = CompiledPolicy(
        PolicyBundle(
            version: 7,
            document: PolicyDocument(
                permissions: [read, write, audit].map { PermissionDefinition(name: $0) },
                roles: [
                    Role(name: "doctor", grants: [Grant(permission: read, scope: .clinic), Grant(permission: write, scope: .clinic)]),
                    Role(name: "patient", grants: [Grant(permission: read, scope: .own)]),
                    Role(name: "auditor", grants: [Grant(permission: audit, scope: .global)]),
                ])))

    let doctorA = Principal(subject: "doc-1", roles: ["doctor"], clinicID: "A")
    let patient = Principal(subject: "pat-1", roles: ["patient"], clinicID: nil)

    @Test func clinicScopeAllowsOwnClinicOnly() {
        let own = Self.policy.evaluate(doctorA, permission: Self.read, resource: ResourceRef(kind: "chart", clinicID: "A"))
        #expect(own == .allow(MatchedGrant(role: "doctor", permission: Self.read, scope: .clinic), version: 7))
        let other = Self.policy.evaluate(doctorA, permission: Self.read, resource: ResourceRef(kind: "chart", clinicID: "B"))
        #expect(other == .deny(.otherClinic, version: 7))
        let none = Self.policy.evaluate(doctorA, permission: Self.read, resource: ResourceRef(kind: "chart"))
        #expect(none == .deny(.missingClinic, version: 7))
        let noClinicPrincipal = Principal(subject: "doc-2", roles: ["doctor"])
        #expect(
            Self.policy.evaluate(noClinicPrincipal, permission: Self.read, resource: ResourceRef(kind: "chart", clinicID: "A")).reason
                == .missingClinic)
    }

    @Test func selfScopeAllowsOwnerOnly() {
        #expect(Self.policy.evaluate(patient, permission: Self.read, resource: ResourceRef(kind: "chart", ownerID: "pat-1")).allowed)
        #expect(
            Self.policy.evaluate(patient, permission: Self.read, resource: ResourceRef(kind: "chart", ownerID: "pat-2")).reason == .notOwner
        )
        #expect(Self.policy.evaluate(patient, permission: Self.read, resource: ResourceRef(kind: "chart")).reason == .notOwner)
        let anonymous = Principal(subject: "", roles: ["patient"])
        #expect(!Self.policy.evaluate(anonymous, permission: Self.read, resource: ResourceRef(kind: "chart", ownerID: "")).allowed)
    }

    @Test func globalScopeAllowsAnywhere() {
        let auditor = Principal(subject: "aud", roles: ["auditor"])
        let decision = Self.policy.evaluate(auditor, permission: Self.audit, resource: ResourceRef(kind: "audit", clinicID: "Z"))
        #expect(decision.grant?.scope == .global)
    }

    @Test func denyByDefault() {
        #expect(
            Self.policy.evaluate(patient, permission: Self.write, resource: ResourceRef(kind: "chart", ownerID: "pat-1")).reason
                == .notGranted)
        #expect(
            Self.policy.evaluate(Principal(subject: "x", roles: []), permission: Self.read, resource: ResourceRef(kind: "chart")).reason
                == .noRoles)
        #expect(
            Self.policy.evaluate(
                Principal(subject: "x", roles: ["ghost"], clinicID: "A"), permission: Self.read,
                resource: ResourceRef(kind: "chart", clinicID: "A")
            ).reason == .unknownRole)
        #expect(
            Self.policy.evaluate(doctorA, action: "chart:delete", resource: ResourceRef(kind: "chart", clinicID: "A")).reason
                == .unknownPermission)
        #expect(
            Self.policy.evaluate(doctorA, action: "not a permission", resource: ResourceRef(kind: "chart", clinicID: "A")).reason
                == .unknownPermission)
        #expect(
            Self.policy.evaluate(doctorA, permission: Self.read, resource: ResourceRef(kind: "invoice", clinicID: "A")).reason
                == .resourceKindMismatch)
    }

    @Test func anyRoleThatGrantsWins() {
        let both = Principal(subject: "pat-1", roles: ["ghost", "patient", "doctor"], clinicID: "A")
        let decision = Self.policy.evaluate(
            both, permission: Self.write, resource: ResourceRef(kind: "chart", clinicID: "A", ownerID: "pat-1"))
        #expect(decision.grant == MatchedGrant(role: "doctor", permission: Self.write, scope: .clinic))
    }
}
