import Foundation
import Hummingbird
import HummingbirdTesting
import PlinthAuthTesting
import PolicyModel
import PolicyService
import Testing

/// Each refused request must answer 401 or 403 (problem+json) and change nothing: no new version, no audit entry.
@Suite struct SecurityTests {
    static let newRole = ByteBuffer(
        string: #"{"name":"intruder","description":"x","grants":[{"permission":"billing:read","scope":"global"}]}"#)

    func expectUnchanged(_ fixture: ServiceFixture) async throws {
        #expect(try await fixture.server.store.latestVersion() == 1)
        #expect(try await fixture.server.store.auditLog(limit: 100).isEmpty)
        #expect(fixture.server.snapshot.version == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func forgedAndInvalidTokensGet401(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            let issuer = fixture.issuer
            let good = issuer.machineClaims(client: "admin-cli", scopes: ["policy:admin"])
            func with(_ key: String, _ value: Any) -> [String: Any] {
                var claims = good
                claims[key] = value
                return claims
            }
            let now = Int(Date().timeIntervalSince1970)
            let valid = try issuer.sign(good)
            let parts = valid.split(separator: ".").map(String.init)
            let tokens: [(String, String)] = [
                ("alg none", try issuer.unsigned(good)),
                ("HS256 signed with the RSA public key", try issuer.hmacWithPublicKey(good)),
                ("wrong iss", try issuer.sign(with("iss", "https://attacker.example/"))),
                ("wrong aud", try issuer.sign(with("aud", "https://another.api"))),
                ("expired", try issuer.sign(with("exp", now - 300))),
                ("nbf in the future", try issuer.sign(with("nbf", now + 3600))),
                ("unknown kid", try issuer.sign(good, header: ["kid": "rotated-away"])),
                (
                    "tampered payload",
                    parts[0] + "." + (try LocalIssuer.encodeSegment(with("scope", "policy:admin policy:read"))) + "." + parts[2]
                ),
                ("oversized", try issuer.sign(with("pad", String(repeating: "A", count: 10_000)))),
                ("not a JWT", "hello"),
            ]
            try await fixture.app().test(.router) { client in
                for (name, token) in tokens {
                    try await client.execute(
                        uri: "/v1/admin/roles", method: .post,
                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                        body: Self.newRole
                    ) { response throws in
                        #expect(response.status == .unauthorized, "\(name)")
                        #expect(response.headers[.contentType] == "application/problem+json", "\(name)")
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(name)")
                    }
                }
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: [.contentType: "application/json"],
                    body: Self.newRole
                ) { response throws in
                    #expect(response.status == .unauthorized, "no token")
                }
            }
            try await expectUnchanged(fixture)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func wrongKindOfTokenGets403(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            try await fixture.app().test(.router) { client in
                // A user token, even of a clinic_admin, on the admin API.
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post,
                    headers: try fixture.user("boss", roles: ["clinic_admin"], clinic: "a"), body: Self.newRole
                ) { response throws in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("machine-to-machine"))
                }
                try await client.execute(
                    uri: "/v1/admin/roles", method: .get,
                    headers: try fixture.user("boss", roles: ["clinic_admin"], clinic: "a")
                ) { response throws in
                    #expect(response.status == .forbidden)
                }
                // A machine token without policy:admin (only policy:read) cannot write...
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post,
                    headers: try fixture.machine(scopes: ["policy:read"]), body: Self.newRole
                ) { response throws in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("policy:admin"))
                }
                try await client.execute(
                    uri: "/v1/admin/roles/patient", method: .delete,
                    headers: try fixture.machine(scopes: ["policy:read"])
                ) { response throws in
                    #expect(response.status == .forbidden)
                }
                // ...and one with no policy scope at all cannot even read.
                try await client.execute(uri: "/v1/admin/audit", method: .get, headers: try fixture.machine(scopes: ["other:thing"])) {
                    response throws in
                    #expect(response.status == .forbidden)
                }
                // A user cannot ask about somebody else's principal.
                let body = ByteBuffer(
                    string:
                        #"{"principal":{"subject":"x","roles":["allergist"],"clinicID":"a"},"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"a"}}"#
                )
                try await client.execute(
                    uri: "/v1/check", method: .post,
                    headers: try fixture.user("p1", roles: ["patient"], clinic: nil), body: body
                ) { response throws in
                    #expect(response.status == .forbidden)
                }
            }
            try await expectUnchanged(fixture)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tenancyViolationsAreDenied(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            try await fixture.app().test(.router) { client in
                func check(_ headers: HTTPFields, _ json: String) async throws -> CheckResponse {
                    try await client.execute(uri: "/v1/check", method: .post, headers: headers, body: ByteBuffer(string: json)) {
                        response throws in
                        #expect(response.status == .ok)
                        return try response.body.decoded(CheckResponse.self)
                    }
                }
                // clinic_admin of clinic A acting on clinic B.
                let adminA = try fixture.user("boss-a", roles: ["clinic_admin"], clinic: "clinic-a")
                let crossClinic = try await check(
                    adminA, #"{"action":"clinic_settings:write","resource":{"kind":"clinic_settings","clinicID":"clinic-b"}}"#)
                #expect(!crossClinic.allowed)
                #expect(crossClinic.reason == .otherClinic)
                let ownClinic = try await check(
                    adminA, #"{"action":"clinic_settings:write","resource":{"kind":"clinic_settings","clinicID":"clinic-a"}}"#)
                #expect(ownClinic.allowed)
                #expect(ownClinic.grant?.role == "clinic_admin")
                // A patient reading another patient's record.
                let patient = try fixture.user("patient-1", roles: ["patient"], clinic: "clinic-a")
                let other = try await check(
                    patient,
                    #"{"action":"patient_record:read","resource":{"kind":"patient_record","id":"r2","clinicID":"clinic-a","ownerID":"patient-2"}}"#
                )
                #expect(other.decision == "deny")
                #expect(other.reason == .notOwner)
                let own = try await check(
                    patient,
                    #"{"action":"patient_record:read","resource":{"kind":"patient_record","id":"r1","clinicID":"clinic-a","ownerID":"patient-1"}}"#
                )
                #expect(own.allowed)
                #expect(own.grant?.scope == .own)
                // A role the store does not know.
                let ghost = try fixture.user("g", roles: ["superuser"], clinic: "clinic-a")
                let unknown = try await check(
                    ghost, #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#)
                #expect(unknown.reason == .unknownRole)
                // A service checks for an explicit principal.
                let service = try fixture.machine(scopes: ["policy:read"], client: "clinic-api")
                let onBehalf = try await check(
                    service,
                    #"{"principal":{"subject":"doc","roles":["allergist"],"clinicID":"clinic-a"},"action":"treatment_plan:write","resource":{"kind":"treatment_plan","clinicID":"clinic-a"}}"#
                )
                #expect(onBehalf.allowed)
            }
            try await expectUnchanged(fixture)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func malformedBodiesGet400(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            let bodies = [
                "", "{", "[]", #"{"name":"r","grants":[{"permission":"nope","scope":"clinic"}]}"#,
                #"{"name":"r","grants":[{"permission":"billing:read","scope":"everywhere"}]}"#, "\u{0}\u{1}",
            ]
            try await fixture.app().test(.router) { client in
                for body in bodies {
                    for (uri, headers) in [
                        ("/v1/admin/roles", try fixture.admin),
                        ("/v1/check", try fixture.user("u", roles: ["patient"], clinic: nil)),
                        ("/v1/admin/roles/patient/grants", try fixture.admin),
                    ] {
                        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
                            response throws in
                            #expect(response.status == .badRequest, "\(uri) \(body)")
                            #expect(response.headers[.contentType] == "application/problem+json")
                            let problem = try JSONSerialization.jsonObject(with: Data((response.body).readableBytesView)) as? [String: Any]
                            #expect(problem?["status"] as? Int == 400)
                        }
                    }
                }
            }
            try await expectUnchanged(fixture)
        }
    }
}
