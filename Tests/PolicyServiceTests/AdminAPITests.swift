import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyModel
import PolicyService
import Testing

@Suite struct AdminAPITests {
    @Test(arguments: StoreKind.allCases)
    func changesMakeVersionsAndAuditEntries(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            let admin = try fixture.admin
            let nurseToken = try fixture.user("n1", roles: ["nurse"], clinic: "clinic-a")
            let read = #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#
            try await fixture.app().test(.router) { client in
                try await client.execute(uri: "/v1/check", method: .post, headers: nurseToken, body: ByteBuffer(string: read)) {
                    response throws in
                    #expect(try response.body.decoded(CheckResponse.self).reason == .unknownRole)
                }
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"name":"nurse","description":"Ward nurse"}"#)
                ) { response throws in
                    #expect(response.status == .created)
                    #expect(try response.body.decoded(ChangeResponse.self).policyVersion == 2)
                }
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"name":"nurse"}"#)
                ) { response throws in
                    #expect(response.status == .conflict)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                try await client.execute(
                    uri: "/v1/admin/roles/nurse/grants", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"permission":"patient_record:read","scope":"clinic"}"#)
                ) { response throws in
                    #expect(response.status == .created)
                }
                try await client.execute(
                    uri: "/v1/admin/roles/nurse/grants", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"permission":"spaceship:fly","scope":"clinic"}"#)
                ) { response throws in
                    #expect(response.status == .conflict, "a permission the policy does not define")
                }
                // The change is visible to decisions at once.
                try await client.execute(uri: "/v1/check", method: .post, headers: nurseToken, body: ByteBuffer(string: read)) {
                    response throws in
                    let decision = try response.body.decoded(CheckResponse.self)
                    #expect(decision.allowed)
                    #expect(decision.policyVersion == 3)
                }
                try await client.execute(uri: "/v1/admin/roles/nurse", method: .get, headers: try fixture.machine(scopes: ["policy:read"]))
                { response throws in
                    #expect(response.status == .ok)
                    #expect(try response.body.decoded(Role.self).grants.count == 1)
                }
                try await client.execute(
                    uri: "/v1/admin/roles/nurse", method: .put, headers: admin,
                    body: ByteBuffer(string: #"{"description":"Night nurse","grants":[]}"#)
                ) { response throws in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/v1/admin/roles/nurse/grants/patient_record:read/clinic", method: .delete, headers: admin) {
                    response throws in
                    #expect(response.status == .notFound, "the PUT removed the grant already")
                }
                try await client.execute(uri: "/v1/admin/roles/nurse", method: .delete, headers: admin) { response throws in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/v1/admin/roles/nurse", method: .delete, headers: admin) { response throws in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/v1/admin/versions", method: .get, headers: admin) { response throws in
                    let versions = try response.body.decoded([PolicyVersionRecord].self)
                    #expect(versions.map(\.version) == [5, 4, 3, 2, 1])
                    #expect(versions.map(\.change) == ["role.delete", "role.update", "grant.create", "role.create", "seed"])
                }
                try await client.execute(uri: "/v1/admin/audit", method: .get, headers: try fixture.machine(scopes: ["policy:read"])) {
                    response throws in
                    let audit = try response.body.decoded([AuditEntry].self)
                    #expect(audit.map(\.change) == ["role.create", "grant.create", "role.update", "role.delete"])
                    #expect(audit.map(\.policyVersion) == [2, 3, 4, 5])
                    #expect(audit.allSatisfy { $0.actor == "admin-cli@clients" && $0.role == "nurse" })
                    #expect(audit[0].before == nil)
                    #expect(audit[0].after?.description == "Ward nurse")
                    #expect(audit[2].before?.grants.count == 1)
                    #expect(audit[2].after?.grants.isEmpty == true)
                    #expect(audit[3].after == nil)
                }
            }
        }
    }

    /// What the OpenAPI document allows is answered by the policy's state (201, 200, 404, 409), never
    /// refused as unprocessable; what it forbids (a name in a replacement, a name off its pattern,
    /// no name for a new role) is a 422 that changes nothing.
    @Test func roleBodiesAreJudgedAsTheDocumentSays() async throws {
        try await withService(.sqlite) { fixture in
            let admin = try fixture.admin
            let grant = #"{"permission":"patient_record:read","scope":"clinic"}"#
            let unknown = #"{"permission":"spaceship:fly","scope":"clinic"}"#
            try await fixture.app().test(.router) { client in
                func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: uri, method: method, headers: admin, body: ByteBuffer(string: body)) { response throws in
                        if response.status.code >= 400 { #expect(response.headers[.contentType] == "application/problem+json") }
                        return response.status
                    }
                }
                // A grant listed twice is granted once: a role's grants are a set.
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"name":"auditor","grants":[\#(grant),\#(grant)]}"#)
                ) { response throws in
                    #expect(response.status == .created)
                    #expect(try response.body.decoded(ChangeResponse.self).role?.grants.count == 1)
                }
                // The path names the role, so a replacement that names one, even the same, is refused.
                for body in [#"{"name":"auditor"}"#, #"{"name":"other","description":"x"}"#, #"{"name":null}"#, #"{"name":""}"#] {
                    #expect(try await send(.put, "/v1/admin/roles/auditor", body) == .unprocessableContent, "\(body)")
                }
                #expect(
                    try await send(
                        .put, "/v1/admin/roles/auditor", #"{"description":"Reads the audit log","grants":[\#(grant),\#(grant)]}"#) == .ok)
                #expect(try await send(.put, "/v1/admin/roles/nobody", #"{"description":"x"}"#) == .notFound)
                // Names off the document's pattern, and a new role without one.
                for body in [
                    #"{"name":""}"#, #"{"name":"Auditor"}"#, #"{"name":"9lives"}"#, #"{"name":"a b"}"#,
                    "{\"name\":\"a\(String(repeating: "b", count: 64))\"}", #"{"description":"nameless"}"#, "{}",
                ] {
                    #expect(try await send(.post, "/v1/admin/roles", body) == .unprocessableContent, "\(body)")
                }
                // A permission the policy does not define conflicts with the policy, wherever it is named.
                #expect(try await send(.post, "/v1/admin/roles", #"{"name":"pilot","grants":[\#(unknown)]}"#) == .conflict)
                #expect(try await send(.put, "/v1/admin/roles/auditor", #"{"grants":[\#(unknown)]}"#) == .conflict)
                #expect(try await send(.post, "/v1/admin/roles/auditor/grants", unknown) == .conflict)
                #expect(try await send(.post, "/v1/admin/roles/auditor/grants", grant) == .conflict, "held already")
                // Path parameters are percent-decoded, as a client that encodes the colon means them.
                #expect(try await send(.delete, "/v1/admin/roles/auditor/grants/patient_record%3Aread/clinic", "") == .ok)
                #expect(try await send(.get, "/v1/admin/roles/%61uditor", "") == .ok)
            }
            #expect(try await fixture.server.store.latestVersion() == 4, "seed, create, one replacement, one grant removed")
            #expect(fixture.server.snapshot.current?.bundle.document.role(named: "auditor")?.grants.isEmpty == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func bundleCarriesAnETag(_ kind: StoreKind) async throws {
        try await withService(kind) { fixture in
            try await fixture.app().test(.router) { client in
                let etag = try await client.execute(uri: "/v1/bundle", method: .get) { response throws in
                    #expect(response.status == .ok)
                    let bundle = try response.body.decoded(PolicyBundle.self)
                    #expect(bundle.version == 1)
                    #expect(bundle.document == ServiceFixture.seed)
                    return response.headers[.eTag]
                }
                #expect(etag == "\"policy-v1\"")
                try await client.execute(uri: "/v1/bundle", method: .get, headers: [.ifNoneMatch: etag ?? ""]) { response throws in
                    #expect(response.status == .notModified)
                    #expect(response.body.readableBytes == 0)
                }
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: try fixture.admin,
                    body: ByteBuffer(string: #"{"name":"auditor"}"#)
                ) { response throws in
                    #expect(response.status == .created)
                }
                try await client.execute(uri: "/v1/bundle", method: .get, headers: [.ifNoneMatch: etag ?? ""]) { response throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[.eTag] == "\"policy-v2\"")
                }
            }
        }
    }

    @Test func healthMetricsAndBatch() async throws {
        try await withService(.sqlite) { fixture in
            try await fixture.app().test(.router) { client in
                try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/health/ready", method: .get) { response throws in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("\"policyVersion\":1"))
                }
                let batch =
                    #"{"checks":[{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"a"}},{"action":"billing:read","resource":{"kind":"billing","clinicID":"a"}}]}"#
                try await client.execute(
                    uri: "/v1/check/batch", method: .post,
                    headers: try fixture.user("doc", roles: ["allergist"], clinic: "a"), body: ByteBuffer(string: batch)
                ) { response throws in
                    let results = try response.body.decoded(BatchCheckResponse.self).results
                    #expect(results.map(\.allowed) == [true, false])
                }
                let tooMany =
                    "{\"checks\":["
                    + Array(repeating: #"{"action":"billing:read","resource":{"kind":"billing"}}"#, count: 101).joined(separator: ",")
                    + "]}"
                try await client.execute(
                    uri: "/v1/check/batch", method: .post,
                    headers: try fixture.user("doc", roles: ["allergist"], clinic: "a"), body: ByteBuffer(string: tooMany)
                ) { response throws in
                    #expect(response.status == .unprocessableContent)
                }
                try await client.execute(uri: "/metrics", method: .get) { response throws in
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"policy_decisions_total{result="allow"} 1"#))
                    #expect(text.contains(#"policy_decisions_total{result="deny"} 1"#))
                    #expect(text.contains("policy_decision_duration_seconds_bucket"))
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func changesReachOtherInstances(_ kind: StoreKind) async throws {
        let first = try await ServiceFixture.start(kind)
        let second = try await ServiceFixture.start(kind, issuer: first.issuer, storeURL: first.storeURL)
        #expect(second.server.snapshot.version == 1)
        try await first.app().test(.router) { client in
            try await client.execute(
                uri: "/v1/admin/roles", method: .post, headers: try first.admin,
                body: ByteBuffer(string: #"{"name":"receptionist"}"#)
            ) { #expect($0.status == .created) }
        }
        let changed = try await second.server.refresh()
        let unchanged = try await second.server.refresh()
        await first.stop()
        await second.stop()
        #expect(changed)
        #expect(!unchanged)
        #expect(second.server.snapshot.version == 2)
        #expect(second.server.snapshot.current?.compiled.hasRole("receptionist") == true)
    }
}
