import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyModel
import PolicyService
import Testing

/// Every role of platform.yaml, every permission, in four situations, against a table kept here.
///
/// Columns, for a principal `u-1` of clinic A: the resource is in clinic A and belongs to someone
/// else ("own clinic"), in clinic B ("other clinic"), in clinic A and belongs to `u-1` ("self"),
/// in clinic A and belongs to another patient ("other patient"). Y allows, N denies.
struct TenancyMatrixTests {
    enum Situation: CaseIterable {
        case ownClinic, otherClinic, own, otherPatient

        func resource(kind: String) -> ResourceRef {
            switch self {
            case .ownClinic: ResourceRef(kind: kind, id: "r", clinicID: "clinic-a", ownerID: "staff-9")
            case .otherClinic: ResourceRef(kind: kind, id: "r", clinicID: "clinic-b", ownerID: "staff-9")
            case .own: ResourceRef(kind: kind, id: "r", clinicID: "clinic-a", ownerID: "u-1")
            case .otherPatient: ResourceRef(kind: kind, id: "r", clinicID: "clinic-a", ownerID: "patient-2")
            }
        }
    }

    /// role -> permission -> [own clinic, other clinic, self, other patient]
    static let expected: [String: [String: String]] = [
        "clinic_admin": [
            "patient_record:read": "YNYY", "patient_record:write": "NNNN",
            "allergy_test:read": "NNNN", "allergy_test:order": "NNNN", "allergy_test:record_result": "NNNN",
            "treatment_plan:read": "NNNN", "treatment_plan:write": "NNNN",
            "appointment:read": "YNYY", "appointment:book": "YNYY", "appointment:cancel": "YNYY",
            "clinic_settings:read": "YNYY", "clinic_settings:write": "YNYY", "clinic_staff:manage": "YNYY",
            "billing:read": "YNYY", "audit_log:read": "YNYY",
        ],
        "allergist": [
            "patient_record:read": "YNYY", "patient_record:write": "YNYY",
            "allergy_test:read": "YNYY", "allergy_test:order": "YNYY", "allergy_test:record_result": "YNYY",
            "treatment_plan:read": "YNYY", "treatment_plan:write": "YNYY",
            "appointment:read": "YNYY", "appointment:book": "YNYY", "appointment:cancel": "YNYY",
            "clinic_settings:read": "YNYY", "clinic_settings:write": "NNNN", "clinic_staff:manage": "NNNN",
            "billing:read": "NNNN", "audit_log:read": "NNNN",
        ],
        "patient": [
            "patient_record:read": "NNYN", "patient_record:write": "NNNN",
            "allergy_test:read": "NNYN", "allergy_test:order": "NNNN", "allergy_test:record_result": "NNNN",
            "treatment_plan:read": "NNYN", "treatment_plan:write": "NNNN",
            "appointment:read": "NNYN", "appointment:book": "NNYN", "appointment:cancel": "NNYN",
            "clinic_settings:read": "NNNN", "clinic_settings:write": "NNNN", "clinic_staff:manage": "NNNN",
            "billing:read": "NNNN", "audit_log:read": "NNNN",
        ],
    ]

    @Test func seededPolicyMatchesTheTable() throws {
        let document = try PolicySeed.document(platformFile: TestPaths.platformFile)
        let policy = CompiledPolicy(PolicyBundle(version: 1, document: document))
        let permissions = document.permissions.map(\.name.description)
        #expect(Set(document.roles.map(\.name)) == Set(Self.expected.keys), "the table covers exactly the roles of platform.yaml")
        var checked = 0
        for role in document.roles {
            let row = try #require(Self.expected[role.name])
            #expect(Set(row.keys) == Set(permissions), "the table covers every permission for \(role.name)")
            let principal = Principal(subject: "u-1", roles: [role.name], clinicID: "clinic-a")
            for permission in permissions {
                let parsed = try #require(Permission(permission))
                let actual = String(
                    Situation.allCases.map { situation in
                        policy.evaluate(principal, permission: parsed, resource: situation.resource(kind: parsed.resource)).allowed
                            ? "Y" : "N"
                    })
                #expect(actual == row[permission], "\(role.name) \(permission)")
                checked += 4
            }
        }
        #expect(checked == 3 * 15 * 4)
    }

    /// The same table through `POST /v1/check` with real tokens, on each store: what the service
    /// answers over HTTP is what the evaluator decides.
    @Test(arguments: StoreKind.allCases)
    func tableHoldsThroughTheAPI(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            let permissions = ServiceFixture.seed.permissions.map(\.name)
            let checked = try await fixture.app().test(.router) { client in
                var checked = 0
                for (role, row) in Self.expected.sorted(by: { $0.key < $1.key }) {
                    let headers = try fixture.user("u-1", roles: [role], clinic: "clinic-a")
                    for permission in permissions {
                        var actual = ""
                        for situation in Situation.allCases {
                            let resource = situation.resource(kind: permission.resource)
                            let body = try JSONEncoder().encode(CheckRequest(action: permission.description, resource: resource))
                            let allowed = try await client.execute(
                                uri: "/v1/check", method: .post, headers: headers,
                                body: ByteBuffer(bytes: body)
                            ) { response throws -> Bool in
                                #expect(response.status == .ok)
                                return try response.body.decoded(CheckResponse.self).allowed
                            }
                            actual += allowed ? "Y" : "N"
                            checked += 1
                        }
                        #expect(actual == row[permission.description], "\(role) \(permission) on \(kind)")
                    }
                }
                return checked
            }
            #expect(checked == 3 * 15 * 4)
        }
    }

    @Test func seedMapsScopesAndDescriptions() throws {
        let document = try PolicySeed.document(platformFile: TestPaths.platformFile)
        let patient = try #require(document.role(named: "patient"))
        #expect(patient.grants.allSatisfy { $0.scope == .own })
        #expect(patient.description.contains("own records"))
        #expect(document.permissions.count == 15)
    }

    @Test func seedingFromAnInvalidFileFailsClearly() {
        #expect(throws: PolicySeed.SeedError.self) { try PolicySeed.document(platformFile: "/nonexistent/platform.yaml") }
    }
}
