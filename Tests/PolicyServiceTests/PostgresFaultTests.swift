import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyModel
import PolicyService
import PostgresTestSupport
import Testing

@Suite struct PostgresFaultTests {
    @Test func decisionsSurviveAnOutageAndWritesFailCleanly() async throws {
        // The server scripts/test-swift provides must exist too: this suite is part of the Postgres tests.
        _ = try TestPostgres.serverURL()
        let postgres = try await ThrowawayPostgres.start()
        let fixture: ServiceFixture
        do {
            fixture = try await ServiceFixture.start(.postgres, storeURL: postgres.url)
        } catch {
            await postgres.remove()
            throw error
        }
        let admin = try fixture.admin
        let doctor = try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a")
        let check = ByteBuffer(string: #"{"action":"patient_record:write","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#)
        do {
            try await fixture.app().test(.router) { client in
                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"name":"before_outage"}"#)
                ) { #expect($0.status == .created) }

                try await postgres.halt()

                for _ in 0..<20 {
                    try await client.execute(uri: "/v1/check", method: .post, headers: doctor, body: check) { response throws in
                        #expect(response.status == .ok)
                        #expect(try response.body.decoded(CheckResponse.self).allowed)
                    }
                }
                for name in ["during_outage_1", "during_outage_2"] {
                    try await client.execute(
                        uri: "/v1/admin/roles", method: .post, headers: admin,
                        body: ByteBuffer(string: #"{"name":"\#(name)"}"#)
                    ) { response throws in
                        #expect(response.status == .serviceUnavailable)
                        #expect(response.headers[.contentType] == "application/problem+json")
                        #expect(response.headers[.retryAfter] == "5")
                    }
                }
                try await client.execute(uri: "/v1/admin/roles/before_outage", method: .delete, headers: admin) { response throws in
                    #expect(response.status == .serviceUnavailable)
                }
                #expect(fixture.server.snapshot.version == 2, "the snapshot keeps answering at the last committed version")
                await #expect(throws: StoreUnavailable.self) { try await fixture.server.refresh() }

                try await client.execute(uri: "/metrics", method: .get) { response throws in
                    #expect(String(buffer: response.body).contains("policy_store_unavailable_total 3"))
                }

                try await postgres.restart()

                try await client.execute(
                    uri: "/v1/admin/roles", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"name":"after_outage"}"#)
                ) { #expect($0.status == .created) }
            }
            let audit = try await fixture.server.store.auditLog(limit: 100)
            #expect(audit.map(\.role) == ["before_outage", "after_outage"])
            #expect(audit.map(\.policyVersion) == [2, 3])
            let versions = try await fixture.server.store.history(limit: 100)
            #expect(versions.map(\.version) == [3, 2, 1])
            let latest = try #require(try await fixture.server.store.latest())
            #expect(latest.document.role(named: "during_outage_1") == nil)
            #expect(latest.document.role(named: "before_outage") != nil)
        } catch {
            await fixture.stop()
            await postgres.remove()
            throw error
        }
        await fixture.stop()
        await postgres.remove()
    }
}
