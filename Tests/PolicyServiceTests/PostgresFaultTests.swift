import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyModel
import PolicyService
import Testing

/// A PostgreSQL of this test's own (scripts/lib/postgres.sh), so stopping it disturbs no other test.
struct PrivatePostgres {
    let dataDirectory: String
    let url: String

    static let script = TestPaths.root.appendingPathComponent("scripts/lib/postgres.sh").path

    /// Runs the script and reads its output to the end. Success is the script's last line, `ok`:
    /// Foundation's `Process` on Linux does not reliably report the exit of a child whose own
    /// children (the server) live on, so the exit status is not waited for.
    @discardableResult
    static func run(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.last == "ok" else { throw PostgresScriptFailed(arguments: arguments) }
        lines.removeLast()
        return lines.joined(separator: "\n")
    }

    struct PostgresScriptFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String {
            "scripts/lib/postgres.sh \(arguments.joined(separator: " ")) failed (see its stderr); run scripts/install-test-deps"
        }
    }

    static func start() async throws -> PrivatePostgres {
        let fields = try await run(["start"]).split(separator: " ").map(String.init)
        guard fields.count == 3 else { throw PostgresScriptFailed(arguments: ["start"]) }
        return PrivatePostgres(dataDirectory: fields[0], url: fields[2])
    }

    func halt() async throws { try await Self.run(["halt", dataDirectory]) }
    func restart() async throws { try await Self.run(["restart", dataDirectory]) }
    func remove() async { _ = try? await Self.run(["stop", dataDirectory]) }
}

@Suite struct PostgresFaultTests {
    @Test func decisionsSurviveAnOutageAndWritesFailCleanly() async throws {
        // The server scripts/test-swift provides must exist too: this suite is part of the Postgres tests.
        _ = try TestPostgres.serverURL()
        let postgres = try await PrivatePostgres.start()
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
