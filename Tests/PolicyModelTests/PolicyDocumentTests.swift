import Testing

@testable import PolicyModel

struct PolicyDocumentTests {
    static func permission(_ text: String) -> Permission {
        guard let permission = Permission(text) else { preconditionFailure("bad test permission \(text)") }
        return permission
    }

    static let read = permission("chart:read")
    static let write = permission("chart:write")
    static let base = PolicyDocument(
        permissions: [PermissionDefinition(name: read), PermissionDefinition(name: write)],
        roles: [Role(name: "nurse", grants: [Grant(permission: read, scope: .clinic)])])

    @Test func createRoleAddsItAndRefusesADuplicate() throws {
        let created = try Self.base.applying(.createRole(Role(name: "doctor"))).get()
        #expect(created.role(named: "doctor") != nil)
        #expect(Self.base.role(named: "doctor") == nil, "the original value is unchanged")
        #expect(created.applying(.createRole(Role(name: "doctor"))) == .failure(.conflict("role 'doctor' already exists")))
    }

    @Test func grantsMustNameKnownPermissions() {
        let unknown = Grant(permission: Self.permission("billing:read"), scope: .clinic)
        let refusal = PolicyChangeError.conflict("role 'nurse' grants unknown permission 'billing:read'")
        #expect(Self.base.applying(.addGrant(role: "nurse", grant: unknown)) == .failure(refusal))
        #expect(Self.base.applying(.replaceRole(Role(name: "nurse", grants: [unknown]))) == .failure(refusal))
        #expect(
            Self.base.applying(.createRole(Role(name: "doctor", grants: [unknown])))
                == .failure(.conflict("role 'doctor' grants unknown permission 'billing:read'")))
    }

    @Test func addAndRemoveGrant() throws {
        let grant = Grant(permission: Self.write, scope: .clinic)
        let added = try Self.base.applying(.addGrant(role: "nurse", grant: grant)).get()
        #expect(added.role(named: "nurse")?.grants.contains(grant) == true)
        #expect(added.applying(.addGrant(role: "nurse", grant: grant)).isConflict)
        let removed = try added.applying(.removeGrant(role: "nurse", grant: grant)).get()
        #expect(removed == Self.base)
        #expect(removed.applying(.removeGrant(role: "nurse", grant: grant)).isNotFound)
        #expect(Self.base.applying(.addGrant(role: "ghost", grant: grant)).isNotFound)
    }

    @Test func replaceAndDeleteRole() throws {
        let replaced = try Self.base.applying(.replaceRole(Role(name: "nurse", description: "changed"))).get()
        #expect(replaced.role(named: "nurse") == Role(name: "nurse", description: "changed"))
        let deleted = try replaced.applying(.deleteRole("nurse")).get()
        #expect(deleted.roles.isEmpty)
        #expect(deleted.applying(.deleteRole("nurse")).isNotFound)
        #expect(deleted.applying(.replaceRole(Role(name: "nurse"))).isNotFound)
    }

    @Test func invalidRoleNamesAreRefused() {
        for name in ["", "Nurse", "a b", "9x", String(repeating: "a", count: 65)] {
            guard case .failure(.invalid) = Self.base.applying(.createRole(Role(name: name))) else {
                Issue.record("role name '\(name)' was accepted")
                continue
            }
        }
    }
}

extension Result where Failure == PolicyChangeError {
    var isConflict: Bool { if case .failure(.conflict) = self { true } else { false } }
    var isNotFound: Bool { if case .failure(.notFound) = self { true } else { false } }
}
