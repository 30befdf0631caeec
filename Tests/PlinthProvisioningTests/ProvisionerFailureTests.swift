import Foundation
import PlinthRender
import Testing

@testable import PlinthProvisioning

/// Side-by-side runs with real Terraform and no cloud at all (local state, `terraform_data`):
/// a failing stack stops what depends on it, lets its independent neighbour finish, and a second
/// run after the fix completes the rest without redoing what is done.
@Suite struct ProvisionerFailureTests {
    static func write(_ text: String, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent("main.tf"))
    }

    static let valid = #"resource "terraform_data" "marker" { input = "here" }"#

    @Test func aFailureStopsItsDependantsAndARerunFinishesTheRest() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-fail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let broken = work.appendingPathComponent("broken"), after = work.appendingPathComponent("after"),
            neighbour = work.appendingPathComponent("neighbour")
        try Self.write(#"resource "terraform_data" "marker" { input = var.missing }"#, to: broken)
        try Self.write(Self.valid, to: after)
        try Self.write(Self.valid, to: neighbour)
        let env = ProcessInfo.processInfo.environment
        let terraform = try TerraformEnvironment.discover(environment: env, stateDirectory: work.appendingPathComponent("tf"))
        let runner = TerraformRunner(
            environment: terraform, processEnvironment: terraform.processEnvironment(base: env),
            logDirectory: work.appendingPathComponent("logs"))
        let stacks = [
            TerraformStack(id: "broken", directory: broken),
            TerraformStack(id: "after", directory: after, dependsOn: ["broken"]),
            TerraformStack(id: "neighbour", directory: neighbour),
        ]
        let provisioner = Provisioner(runner: runner, parallelism: 2)

        let first = EventLog()
        await #expect(throws: ProvisioningError.self) {
            try await provisioner.up(stacks, progress: first.append)
        }
        // The stack behind the failure never starts; the one beside it runs to the end.
        #expect(Set(first.started) == ["broken", "neighbour"])
        #expect(FileManager.default.fileExists(atPath: neighbour.appendingPathComponent("terraform.tfstate").path))
        #expect(!FileManager.default.fileExists(atPath: after.appendingPathComponent("terraform.tfstate").path))

        try Self.write(Self.valid, to: broken)
        let outcomes = try await provisioner.up(stacks, progress: { _ in })
        let results = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.stack, $0.result) })
        #expect(results == ["broken": .applied, "after": .applied, "neighbour": .unchanged])
        #expect(outcomes.map(\.stack) == ["broken", "after", "neighbour"])
    }

    @Test func stacksThatDoNotFormAGraphAreRefusedBeforeAnyStarts() async throws {
        let work = FileManager.default.temporaryDirectory
        let terraform = TerraformEnvironment(
            terraform: URL(fileURLWithPath: "/usr/bin/terraform"), cliConfig: work.appendingPathComponent("cli.tfrc"), mirror: nil)
        let provisioner = Provisioner(runner: TerraformRunner(environment: terraform, processEnvironment: [:], logDirectory: work))
        let events = EventLog()
        await #expect(throws: ProvisioningError.stackGraph(.unknownDependency(stack: "app", dependency: "ghost"))) {
            try await provisioner.up([TerraformStack(id: "app", directory: work, dependsOn: ["ghost"])], progress: events.append)
        }
        await #expect(throws: ProvisioningError.stackGraph(.cycle(["a", "b", "a"]))) {
            try await provisioner.down(
                [
                    TerraformStack(id: "a", directory: work, dependsOn: ["b"]),
                    TerraformStack(id: "b", directory: work, dependsOn: ["a"]),
                ], progress: events.append)
        }
        #expect(events.started.isEmpty)
    }
}
