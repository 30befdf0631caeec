import Foundation
import PlinthAWS
import Testing

@testable import PlinthPreview

/// Lease requests from separate `plinth preview lease` processes against one moto DynamoDB, with
/// the spec's limit of 40 live previews: the guarantees must hold across processes, not only
/// across tasks of one process, and when a requester is killed.
@Suite(.serialized) struct PreviewLeaseProcessesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `plinth` that `swift build --build-tests` put next to this test binary.
    static func plinth() throws -> URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("plinth"),
            repositoryRoot.appendingPathComponent(".build/debug/plinth"),
        ].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw PreviewError.store(detail: "no plinth binary at \(candidates.map(\.path)); run swift build --build-tests")
        }
        return found
    }

    /// A scratch repository holding the spec (and a link to the docs it names), so the processes'
    /// `.plinth/local` is the test's own.
    static func scratchSpec() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-lease-procs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let spec = directory.appendingPathComponent("platform.yaml")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("platform.yaml"), to: spec)
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent("docs"), withDestinationURL: repositoryRoot.appendingPathComponent("docs"))
        return spec
    }

    final class Requester: @unchecked Sendable {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        let branch: String

        init(plinth: URL, spec: URL, endpoint: String, table: String, branch: String, hold: Double = 0) throws {
            self.branch = branch
            process.executableURL = plinth
            process.arguments = [
                "preview", "lease", "--local", "--endpoint", endpoint, "--lease-table", table, "--branch", branch,
                "--hold", String(hold), spec.path,
            ]
            process.standardOutput = output
            process.standardError = errors
            try process.run()
        }

        /// Exit status, standard output and standard error once it has ended.
        func finish() -> (status: Int32, reason: Process.TerminationReason, output: String, errors: String) {
            let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason, out, err)
        }
    }

    static func decodeLease(_ text: String) throws -> PreviewLease? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([PreviewLease].self, from: Data(text.utf8)).first
    }

    @Test(.timeLimit(.minutes(5))) func fiftyProcessesForFortyPreviews() async throws {
        let emulator = try await LeaseStoreFixture.start()
        defer { emulator.stop() }
        let plinth = try Self.plinth()
        let spec = try Self.scratchSpec()
        defer { try? FileManager.default.removeItem(at: spec.deletingLastPathComponent()) }
        let store = try await emulator.store(pool: "10.28.0.0/14", prefixLength: 22, maxConcurrent: 40)

        let requesters = try (0..<50).map {
            try Requester(plinth: plinth, spec: spec, endpoint: emulator.endpoint, table: store.table, branch: "feature/load-\($0)")
        }
        let results = requesters.map { $0.finish() }
        let granted = try results.filter { $0.status == 0 }.compactMap { try Self.decodeLease($0.output) }
        let refused = results.filter { $0.status != 0 }
        #expect(granted.count == 40, "\(results.filter { $0.status != 0 }.map(\.errors))")
        #expect(Set(granted.map(\.cidr)).count == 40)
        #expect(refused.count == 10)
        for failure in refused {
            #expect(failure.errors.contains("no preview can be leased: 40 previews are alive (maxConcurrent)"), "\(failure.errors)")
            #expect(failure.errors.contains("expires "))
        }
        #expect(try await store.liveCount() == 40)
        #expect(Set(try await store.leases().map(\.branch)) == Set(granted.map(\.branch)))
    }

    @Test(.timeLimit(.minutes(5))) func killedRequestersLoseNoLeaseAndAreReaped() async throws {
        let emulator = try await LeaseStoreFixture.start()
        defer { emulator.stop() }
        let plinth = try Self.plinth()
        let spec = try Self.scratchSpec()
        defer { try? FileManager.default.removeItem(at: spec.deletingLastPathComponent()) }
        let store = try await emulator.store(pool: "10.28.0.0/14", prefixLength: 22, maxConcurrent: 40)

        // Twelve requesters that stay up after leasing (as an `up` would, applying), six of them
        // killed at staggered moments: some before, some during, some after their lease.
        let requesters = try (0..<12).map {
            try Requester(
                plinth: plinth, spec: spec, endpoint: emulator.endpoint, table: store.table, branch: "feature/killed-\($0)", hold: 1)
        }
        for (offset, requester) in requesters.enumerated() where offset % 2 == 0 {
            try await Task.sleep(for: .milliseconds(150 * offset))
            kill(requester.process.processIdentifier, SIGKILL)
        }
        let results = requesters.map { $0.finish() }
        let finished = try results.filter { $0.status == 0 && $0.reason == .exit }.compactMap { try Self.decodeLease($0.output) }
        #expect(finished.count >= 6)

        // No lease lost or half-made: the counter equals the leases, every range distinct, and every
        // requester that finished holds its lease.
        let leases = try await store.leases()
        #expect(try await store.liveCount() == leases.count)
        #expect(Set(leases.map(\.cidr)).count == leases.count)
        #expect(Set(finished.map(\.branch)).isSubset(of: Set(leases.map(\.branch))))
        #expect(leases.allSatisfy { $0.state == .provisioning })

        // Nothing applies them: once stale, reap claims and releases every one.
        let later = Date().addingTimeInterval(PreviewReaper.defaultStaleAfter + 60)
        let due = PreviewReaper.due(leases, now: later, openPullRequests: nil)
        #expect(due.count == leases.count && due.allSatisfy { $0.reason == .failedApply })
        for (lease, _) in due {
            try await store.release(try await store.transition(lease, to: .destroying, now: later))
        }
        #expect(try await store.leases().isEmpty)
        #expect(try await store.liveCount() == 0)
    }
}
