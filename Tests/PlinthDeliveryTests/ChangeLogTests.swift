import Foundation
import PlinthDelivery
import Testing

/// The change log over an in-memory store: keys by day, change and stack; filters; failures kept.
@Suite struct ChangeLogTests {
    actor MemoryStore: ChangeLogStore {
        var objects: [String: Data] = [:]
        func put(key: String, data: Data) async throws { objects[key] = data }
        func keys(prefix: String) async throws -> [String] { objects.keys.filter { $0.hasPrefix(prefix) } }
        func get(key: String) async throws -> Data {
            guard let data = objects[key] else { throw CocoaError(.fileNoSuchFile) }
            return data
        }
        func corrupt(_ key: String) { objects[key] = Data("{ not a record".utf8) }
    }

    static let context = ChangeContext(
        changeID: "gh-42-1", repository: "allergyhub/infrastructure", commit: String(repeating: "a", count: 40), pullRequest: 7,
        approvedBy: "reviewer")

    static func record(_ stack: String, at time: String, result: ChangeRecord.Result = .applied) throws -> ChangeRecord {
        let started = try #require(ISO8601DateFormatter().date(from: time))
        return ChangeRecord(
            context: context, planFingerprint: String(repeating: "f", count: 64), stack: stack, account: "prod",
            role: "plinth-deploy", started: started, finished: started.addingTimeInterval(12), result: result,
            detail: result == .failed ? "the plan of \(stack) is stale" : nil, added: 1, changed: 2, destroyed: 0)
    }

    @Test func recordsAreKeyedByDayChangeAndStackAndReadBackInOrder() async throws {
        let store = MemoryStore()
        let log = ChangeLog(store: store)
        let late = try Self.record("env/prod/us-east-1/observability", at: "2026-12-07T10:00:00Z")
        let early = try Self.record("env/dev/us-east-1/network", at: "2026-12-06T09:00:00Z", result: .failed)
        try await log.append(late)
        try await log.append(early)
        #expect(log.key(for: late) == "changes/2026-12-07/gh-42-1/env_prod_us-east-1_observability.json")
        #expect(try await log.records() == [early, late])
        #expect(try await log.records(stacks: ["env/prod/us-east-1/observability"]) == [late])
        let since = try #require(ISO8601DateFormatter().date(from: "2026-12-07T00:00:00Z"))
        #expect(try await log.records(since: since) == [late])
        #expect(try await log.records(since: since, stacks: ["env/dev/us-east-1/network"]).isEmpty)
    }

    @Test func aCorruptRecordIsNamed() async throws {
        let store = MemoryStore()
        let log = ChangeLog(store: store)
        let record = try Self.record("env/dev/us-east-1/network", at: "2026-12-07T10:00:00Z")
        try await log.append(record)
        await store.corrupt(log.key(for: record))
        await #expect {
            _ = try await log.records()
        } throws: { "\($0)".contains("changes/2026-12-07/gh-42-1/env_dev_us-east-1_network.json cannot be read") }
    }

    @Test func theWorkflowContextComesFromGitHubVariablesAndTheCommandLine() {
        let environment = [
            "GITHUB_RUN_ID": "9001", "GITHUB_RUN_ATTEMPT": "2", "GITHUB_REPOSITORY": "allergyhub/infrastructure",
            "GITHUB_SHA": String(repeating: "b", count: 40), "GITHUB_REF": "refs/pull/17/merge", "GITHUB_ACTOR": "dev1",
            "GITHUB_SERVER_URL": "https://github.com",
        ]
        let context = ChangeContext.from(environment: environment, commit: "local", approvedBy: "lead", pullRequest: nil)
        #expect(context.changeID == "gh-9001-2")
        #expect(context.commit == String(repeating: "b", count: 40))
        #expect(context.pullRequest == 17)
        #expect(context.approvedBy == "lead")
        #expect(context.runURL == "https://github.com/allergyhub/infrastructure/actions/runs/9001")
        let merged = ChangeContext.from(
            environment: environment.merging(["GITHUB_REF": "refs/heads/main"]) { $1 }, commit: nil, approvedBy: nil, pullRequest: 18)
        #expect(merged.pullRequest == 18 && merged.approvedBy == nil)
        let local = ChangeContext.from(environment: [:], commit: "c0ffee", approvedBy: nil, pullRequest: nil)
        #expect(local.changeID.hasPrefix("local-") && local.commit == "c0ffee" && local.repository == nil)
    }

    @Test func theTableIsAlignedAndNamesFailuresAndTheJSONRoundTrips() throws {
        let records = [
            try Self.record("env/dev/us-east-1/network", at: "2026-12-07T09:00:00Z", result: .failed),
            try Self.record("env/prod/us-east-1/observability", at: "2026-12-07T10:00:00Z"),
        ]
        let report = ChangeReport(records: records)
        let lines = report.table().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("started (UTC)"))
        let resultColumn = try #require(lines[0].range(of: "result")).lowerBound.utf16Offset(in: lines[0])
        for line in lines[1...2] {
            #expect(line.dropFirst(resultColumn).hasPrefix("failed") || line.dropFirst(resultColumn).hasPrefix("applied"))
        }
        #expect(lines[1].contains("2026-12-07 09:00:00") && lines[1].contains("+1 ~2 -0") && lines[1].contains("reviewer"))
        #expect(lines[3] == "env/dev/us-east-1/network (gh-42-1) failed: the plan of env/dev/us-east-1/network is stale")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode([ChangeRecord].self, from: Data(try report.json().utf8)) == records)
        #expect(ChangeReport(records: []).table() == "no change records\n")
    }
}
