import Foundation
import PlinthDelivery
import PlinthProvisioning
import Testing

/// Real Terraform against a moto server of the test's own, with two small stacks (b follows a),
/// each with local state: a plan made stale by an apply in between is refused and nothing after it
/// is applied, a change after the review is refused by the fingerprint, a reviewed plan is
/// applied, and a plan after that shows no changes.
@Suite(.serialized) struct SavedPlansEmulatorTests {
    static func writeStack(_ directory: URL, endpoint: String, name: String, value: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let object: [String: Any] = [
            "terraform": ["required_providers": ["aws": ["source": "hashicorp/aws", "version": "~> 5.100"]]],
            "provider": [
                "aws": [
                    "region": "us-east-1", "access_key": "testing", "secret_key": "testing",
                    "skip_credentials_validation": true, "skip_metadata_api_check": true, "skip_requesting_account_id": true,
                    "endpoints": [["ssm": endpoint, "sts": endpoint]],
                ] as [String: Any]
            ],
            "resource": ["aws_ssm_parameter": ["p": ["name": "/plinth/delivery/\(name)", "type": "String", "value": value]]],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: directory.appendingPathComponent("main.tf.json"))
    }

    @Test func planApplyRefusesAStalePlanAndASecondPlanShowsNoChanges() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-saved-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ProcessInfo.processInfo.environment
        let emulator = LocalEmulator(stateDirectory: work, environment: environment)
        let session = try await emulator.start(port: try LoopbackSocket.freePort(), tls: false)
        defer { emulator.stop(session) }
        let endpoint = session.endpoint

        let stackA = work.appendingPathComponent("stacks/a"), stackB = work.appendingPathComponent("stacks/b")
        try Self.writeStack(stackA, endpoint: endpoint, name: "a", value: "one")
        try Self.writeStack(stackB, endpoint: endpoint, name: "b", value: "one")
        let terraform = try TerraformEnvironment.discover(environment: environment, stateDirectory: work.appendingPathComponent("tf"))
        let runner = TerraformRunner(
            environment: terraform,
            processEnvironment: terraform.processEnvironment(
                base: environment,
                extra: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"]),
            logDirectory: work.appendingPathComponent("logs"))
        let a = TerraformStack(id: "a", directory: stackA), b = TerraformStack(id: "b", directory: stackB, dependsOn: ["a"])
        let saved = SavedPlans(runner: runner)
        func plan(_ stacks: [TerraformStack], _ name: String) async throws -> (PlanManifest, URL) {
            let directory = work.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let (manifest, _) = try await saved.plan(stacks, into: directory, commit: nil, treeDigest: "t") { _ in }
            return (manifest, directory)
        }
        func apply(_ directory: URL) async throws -> [SavedPlans.StackResult] {
            try await saved.apply(try PlanManifest.read(from: directory), from: directory, stacks: [a, b], replan: "replan") { _ in }
        }

        // Both exist (applied directly, as `up` does); then both change and are planned, given in the
        // wrong order: the plans follow the graph.
        try await runner.prepare(a)
        try await runner.prepare(b)
        _ = try await runner.applyDirectly(a)
        _ = try await runner.applyDirectly(b)
        try Self.writeStack(stackA, endpoint: endpoint, name: "a", value: "two")
        try Self.writeStack(stackB, endpoint: endpoint, name: "b", value: "two")
        let (both, bothDirectory) = try await plan([b, a], "both")
        #expect(both.stacks.map(\.id) == ["a", "b"])
        #expect(both.stacks.map(\.changed) == [1, 1])
        #expect(both.stacks.allSatisfy { $0.state?.serial ?? 0 > 0 })
        #expect(FileManager.default.fileExists(atPath: bothDirectory.appendingPathComponent("a/plan.json").path))

        // An apply of `a` in between makes the plan stale: refused, and `b` after it is not applied.
        _ = try await runner.applyDirectly(a)
        let stateOfB = try await runner.stateVersion(b)
        await #expect {
            try await apply(bothDirectory)
        } throws: { error in
            guard case DeliveryError.stalePlan(let stack, let reason, let replan) = error else { return false }
            return stack == "a" && reason.contains("serial") && replan == "replan"
        }
        #expect(try await runner.stateVersion(b) == stateOfB)

        // A change after the review (the state untouched) is caught by the fresh plan's fingerprint.
        try Self.writeStack(stackB, endpoint: endpoint, name: "b", value: "three")
        let (again, againDirectory) = try await plan([a, b], "again")
        #expect(again.stacks.map(\.hasChanges) == [false, true])
        try Self.writeStack(stackB, endpoint: endpoint, name: "b", value: "four")
        await #expect {
            try await apply(againDirectory)
        } throws: { error in
            guard case DeliveryError.stalePlan(let stack, let reason, _) = error else { return false }
            return stack == "b" && reason.contains("fingerprint")
        }
        #expect(try await runner.stateVersion(b) == stateOfB)

        // Back to what was reviewed: applied; then a second plan has nothing to do.
        try Self.writeStack(stackB, endpoint: endpoint, name: "b", value: "three")
        let applied = try await apply(againDirectory)
        #expect(applied.map(\.kind) == [.unchanged, .applied])
        #expect(applied.last?.counts.changed == 1)
        let (last, _) = try await plan([a, b], "last")
        #expect(last.stacks.allSatisfy { !$0.hasChanges })
    }
}
