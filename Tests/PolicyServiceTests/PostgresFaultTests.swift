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

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresScriptFailed(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PostgresScriptFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var description: String { "scripts/lib/postgres.sh \(arguments.joined(separator: " ")) exited \(status); run scripts/install-test-deps" }
    }

    static func start() throws -> PrivatePostgres {
        let fields = try run(["start"]).split(separator: " ").map(String.init)
        guard fields.count == 3 else { throw PostgresScriptFailed(arguments: ["start"], status: -1) }
        return PrivatePostgres(dataDirectory: fields[0], url: fields[2])
    }

    func halt() throws { try Self.run(["halt", dataDirectory]) }
    func restart() throws { try Self.run(["restart", dataDirectory]) }
    func remove() { _ = try? Self.run(["stop", dataDirectory]) }
}

@Suite struct PostgresFaultTests {
    @Test func decisionsSurviveAnOutageAndWritesFailCleanly() async throws {
        // The server scripts/test-swift provides must exist too: this suite is part of the Postgres tests.
        _ = try TestPostgres.serverURL()
        let postgres = try PrivatePostgres.start()
        defer { postgres.remove() }
        let fixture = try await ServiceFixture.start(.postgres, storeURL: postgres.url)
        let admin = try fixture.admin
        let doctor = try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a")
        let check = ByteBuffer(string: #"{"action":"patient_record:write","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#)
        do {
            try await fixture.app().test(.router) { client in
                try await client.execute(uri: "/v1/admin/roles", method: .post, headers: admin,
                                         body: ByteBuffer(string: #"{"name":"before_outage"}"#)) { #expect($0.status == .created) }

                try postgres.halt()

                for _ in 0..<20 {
                    try await client.execute(uri: "/v1/check", method: .post, headers: doctor, body: check) { response throws in
                        #expect(response.status == .ok)
                        #expect(try response.body.decoded(CheckResponse.self).allowed)
                    }
                }
                for name in ["during_outage_1", "during_outage_2"] {
                    try await client.execute(uri: "/v1/admin/roles", method: .post, headers: admin,
                                             body: ByteBuffer(string: #"{"name":"\#(name)"}"#)) { response throws in
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

                try postgres.restart()

                try await client.execute(uri: "/v1/admin/roles", method: .post, headers: admin,
                                         body: ByteBuffer(string: #"{"name":"after_outage"}"#)) { #expect($0.status == .created) }
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
            throw error
        }
        await fixture.stop()
    }
}
