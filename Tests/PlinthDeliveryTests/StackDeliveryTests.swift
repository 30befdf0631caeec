import Foundation
import PlinthDelivery
import PlinthLoader
import PlinthProvisioning
import Testing

/// What `plinth plan` and `plinth apply` refuse before they reach a target: nothing is applied.
@Suite struct StackDeliveryTests {
    @Test func aPlanDirectoryFromAnotherCommitIsRefused() async throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        let spec = try #require(SpecLoader().load(path: repository.specPath.path).spec)
        let plans = repository.root.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try PlanManifest(commit: String(repeating: "0", count: 40), treeDigest: "t", stacks: []).write(to: plans)
        let delivery = StackDelivery(
            target: EmulatorTarget(
                platform: LocalPlatform(spec: spec, repositoryRoot: repository.root, environment: ProcessInfo.processInfo.environment),
                endpoint: "http://127.0.0.1:1"),
            specPath: repository.specPath)
        await #expect {
            _ = try await delivery.apply(plans: plans, notes: { _ in }, progress: { _ in })
        } throws: { error in
            guard case DeliveryError.planDirectory(_, let problem) = error else { return false }
            return problem.contains("planned at commit 000000000000") && "\(error)".contains("nothing was applied")
        }
    }

    @Test func planRefusesToClearADirectoryItDidNotWrite() async throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        let spec = try #require(SpecLoader().load(path: repository.specPath.path).spec)
        let delivery = StackDelivery(
            target: EmulatorTarget(
                platform: LocalPlatform(spec: spec, repositoryRoot: repository.root, environment: ProcessInfo.processInfo.environment),
                endpoint: "http://127.0.0.1:1"),
            specPath: repository.specPath)
        // The repository itself is not a plan directory: its files stay.
        await #expect {
            _ = try await delivery.plan(
                stackIDs: [], affectedSince: nil, into: repository.root, notes: { _ in }, progress: { _ in }
            )
        } throws: { "\($0)".contains("it holds other files") }
        #expect(FileManager.default.fileExists(atPath: repository.specPath.path))
    }
}
