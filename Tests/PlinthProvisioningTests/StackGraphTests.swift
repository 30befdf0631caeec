import Foundation
import Testing
@testable import PlinthProvisioning

@Suite struct StackGraphTests {
    func stack(_ id: String, _ deps: [String] = []) -> TerraformStack {
        TerraformStack(id: id, directory: URL(fileURLWithPath: "/tmp/\(id)"), dependsOn: deps)
    }

    @Test func dependenciesComeFirstAndTiesKeepTheGivenOrder() throws {
        let order = try StackGraph.applyOrder([
            stack("spoke-b", ["hub"]), stack("hub", ["org", "state"]), stack("org", ["state"]), stack("state"),
            stack("spoke-a", ["hub"]),
        ]).map(\.id)
        #expect(order == ["state", "org", "hub", "spoke-b", "spoke-a"])
    }

    @Test func cyclesAndUnknownStacksAreRejectedByName() {
        #expect(throws: ProvisioningError.stackGraph("dependency cycle among: a, b")) {
            try StackGraph.applyOrder([stack("a", ["b"]), stack("b", ["a"]), stack("c")])
        }
        #expect(throws: ProvisioningError.stackGraph("stack a depends on ghost, which is not rendered")) {
            try StackGraph.applyOrder([stack("a", ["ghost"])])
        }
        #expect(throws: ProvisioningError.stackGraph("stack a appears twice")) {
            try StackGraph.applyOrder([stack("a"), stack("a")])
        }
    }
}

@Suite struct TerraformOutputTests {
    @Test func countsComeFromPlanAndApplySummaries() {
        let plan = "noise\nPlan: 12 to add, 3 to change, 1 to destroy.\n"
        #expect(ChangeCounts(planOutput: plan) == ChangeCounts(added: 12, changed: 3, destroyed: 1))
        #expect(ChangeCounts(planOutput: "Changes to Outputs:") == ChangeCounts())
        #expect(ChangeCounts(applyOutput: "Apply complete! Resources: 4 added, 0 changed, 2 destroyed.")
            == ChangeCounts(added: 4, changed: 0, destroyed: 2))
        #expect(ChangeCounts(applyOutput: "Error: boom") == nil)
        #expect(ChangeCounts(applyOutput: "Destroy complete! Resources: 7 destroyed.") == ChangeCounts(destroyed: 7))
    }

    @Test func aRunWithNothingToDoIsRecognised() {
        #expect(TerraformRunner.reportsNoChanges("x\nNo changes. Your infrastructure matches the configuration.\n"))
        #expect(TerraformRunner.reportsNoChanges("No changes. No objects need to be destroyed."))
        #expect(!TerraformRunner.reportsNoChanges("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."))
        // Only Terraform's own summary line counts, not a resource attribute that says so.
        #expect(!TerraformRunner.reportsNoChanges("  + description = \"No changes.\""))
    }

    @Test func aDestroyRefusedByDeletionProtectionSaysToRunUpFirst() throws {
        let output = """
        Error: deleting RDS DB Instance (allergyhub-prod): operation error RDS: DeleteDBInstance, https response error StatusCode: 400, \
        api error InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.
        """
        #expect(TerraformRunner.refusedByDeletionProtection(output))
        #expect(!TerraformRunner.refusedByDeletionProtection("Error: deleting VPC: DependencyViolation"))
        let work = FileManager.default.temporaryDirectory
        let terraform = TerraformEnvironment(terraform: URL(fileURLWithPath: "/usr/bin/terraform"), cliConfig: work.appendingPathComponent("cli.tfrc"), mirror: nil)
        let runner = TerraformRunner(environment: terraform, processEnvironment: [:], logDirectory: work)
        let stack = TerraformStack(id: "env/prod/us-east-1/workload", directory: work)
        let refused = runner.failure(stack, step: "destroy", ProcessRunner.Result(status: 1, output: output))
        guard case .deletionProtected(let id, _) = refused else { Issue.record("got \(refused)"); return }
        #expect(id == "env/prod/us-east-1/workload")
        #expect(refused.description.contains("run `plinth up --local` once"))
        // The same words on apply are an ordinary failure.
        guard case .terraformFailed = runner.failure(stack, step: "apply", ProcessRunner.Result(status: 1, output: output)) else {
            Issue.record("an apply failure was not reported as a Terraform failure"); return
        }
    }

    @Test func staleLockIDIsReadFromTheLockError() {
        let output = """
        Error: Error acquiring the state lock

        Error message: ConditionalCheckFailedException: The conditional request failed
        Lock Info:
          ID:        3f1c2a90-1111-2222-3333-444455556666
          Path:      bucket/plinth/app/terraform.tfstate
          Operation: OperationTypePlan
        """
        #expect(TerraformRunner.staleLockID(in: output) == "3f1c2a90-1111-2222-3333-444455556666")
        #expect(TerraformRunner.staleLockID(in: "Error: something else\n  ID: x") == nil)
    }

    @Test func aLockMadeDuringTheRunIsTheRunsOwn() throws {
        let output = """
        Error: Error acquiring the state lock

        Lock Info:
          ID:        22d14e99-b277-f4c3-5934-ed5b92bff99a
          Operation: OperationTypeApply
          Who:       root@vm
          Created:   2026-11-27 18:10:20.280817202 +0000 UTC
        """
        let created = try #require(TerraformRunner.lockCreated(in: output))
        #expect(created == Date(timeIntervalSince1970: 1_795_803_020))
        // Made a moment after the run started (the run's own lock write, sent twice): its own.
        #expect(TerraformRunner.isOwnLock(created: created, runStarted: created.addingTimeInterval(-0.5)))
        // Whole seconds in the comparison, so a lock in the run's first second still counts.
        #expect(TerraformRunner.isOwnLock(created: created, runStarted: created.addingTimeInterval(0.9)))
        // Left by an earlier run, or unreadable: not its own, and never freed without being asked.
        #expect(!TerraformRunner.isOwnLock(created: created, runStarted: created.addingTimeInterval(60)))
        #expect(!TerraformRunner.isOwnLock(created: nil, runStarted: created))
        #expect(TerraformRunner.lockCreated(in: "Lock Info:\n  Created:   yesterday") == nil)
    }

    @Test func errorExcerptStartsAtTheFirstError() {
        let output = (1...50).map { "line \($0)" }.joined(separator: "\n") + "\nError: bad thing\n  detail"
        #expect(TerraformRunner.errorExcerpt(output) == "Error: bad thing\n  detail")
    }
}

@Suite struct TerraformEnvironmentTests {
    @Test func mirrorIsFoundFromTheVariableAndOnlyItsProvidersComeFromIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for provider in ["hashicorp/aws", "hashicorp/random"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("registry.terraform.io/\(provider)/1.0.0/linux_amd64"),
                withIntermediateDirectories: true)
        }
        let found = TerraformEnvironment.findMirror(environment: ["PLINTH_TF_MIRROR": root.path], searchRoots: [])
        #expect(found?.path == root.path)
        let text = TerraformEnvironment.cliConfigText(mirror: root)
        #expect(text.contains("path    = \"\(root.path)\""))
        #expect(text.contains("include = [\"registry.terraform.io/hashicorp/aws\", \"registry.terraform.io/hashicorp/random\"]"))
        #expect(text.contains("exclude = [\"registry.terraform.io/hashicorp/aws\", \"registry.terraform.io/hashicorp/random\"]"))
        #expect(TerraformEnvironment.cliConfigText(mirror: nil).isEmpty)
    }

    @Test func aMirrorIsFoundByWalkingUpFromTheProviderBinary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let mirror = root.appendingPathComponent("deep/plugins")
        let binaryDir = mirror.appendingPathComponent("registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64")
        try FileManager.default.createDirectory(at: binaryDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: binaryDir.appendingPathComponent("terraform-provider-aws_v5.100.0_x5").path, contents: Data())
        let found = TerraformEnvironment.findMirror(environment: [:], searchRoots: [root.path], usualPlaces: [])
        #expect(found?.standardizedFileURL.path == mirror.standardizedFileURL.path)
        #expect(TerraformEnvironment.findMirror(environment: [:], searchRoots: [root.path + "/none"], usualPlaces: []) == nil)
    }
}

@Suite struct StackScheduleTests {
    func stack(_ id: String, _ deps: [String] = []) -> TerraformStack {
        TerraformStack(id: id, directory: URL(fileURLWithPath: "/tmp/\(id)"), dependsOn: deps)
    }

    var graph: [TerraformStack] {
        [stack("state"), stack("org", ["state"]), stack("hub", ["org"]), stack("oidc", ["org"]),
         stack("spoke-a", ["hub", "oidc"]), stack("spoke-b", ["hub"])]
    }

    @Test func upStartsIndependentStacksTogetherOnlyOnceTheirDependenciesFinished() throws {
        var schedule = StackSchedule(ordered: try StackGraph.applyOrder(graph), action: .apply)
        #expect(schedule.startReady(limit: 4).map(\.id) == ["state"])
        #expect(schedule.startReady(limit: 4).isEmpty)
        schedule.finish("state")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["hub", "oidc"])
        schedule.finish("hub")
        // spoke-a still waits for oidc; spoke-b only needed the hub.
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-b"])
        schedule.finish("oidc")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-a"])
        schedule.finish("spoke-a")
        schedule.finish("spoke-b")
        #expect(schedule.isComplete)
    }

    @Test func theLimitCapsHowManyRunAtOnce() throws {
        let wide = [stack("root")] + (1...5).map { stack("leaf\($0)", ["root"]) }
        var schedule = StackSchedule(ordered: try StackGraph.applyOrder(wide), action: .apply)
        _ = schedule.startReady(limit: 2)
        schedule.finish("root")
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf1", "leaf2"])
        #expect(schedule.running == 2)
        #expect(schedule.startReady(limit: 2).isEmpty)
        schedule.finish("leaf2")
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf3"])
        #expect(schedule.startReady(limit: 0).isEmpty)
    }

    @Test func theStackWithTheLongestChainBehindItGetsTheFreeSlot() throws {
        // After state: a leaf that nothing waits for, and org, which three stacks wait behind.
        let stacks = [stack("state"), stack("leaf", ["state"]), stack("org", ["state"]), stack("hub", ["org"]),
                      stack("spoke", ["hub"])]
        var schedule = StackSchedule(ordered: try StackGraph.applyOrder(stacks), action: .apply)
        _ = schedule.startReady(limit: 1)
        schedule.finish("state")
        #expect(schedule.startReady(limit: 1).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 1).map(\.id) == ["hub"])
        schedule.finish("hub")
        // Equal height: the given order decides.
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf", "spoke"])
    }

    @Test func downWaitsForEveryDependantBeforeDestroyingAStack() throws {
        var schedule = StackSchedule(ordered: try StackGraph.applyOrder(graph).reversed(), action: .destroy)
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-b", "spoke-a"])
        schedule.finish("spoke-a")
        // oidc is free once spoke-a is gone; the hub still carries spoke-b.
        #expect(schedule.startReady(limit: 4).map(\.id) == ["oidc"])
        schedule.finish("spoke-b")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["hub"])
        schedule.finish("oidc")
        schedule.finish("hub")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["state"])
    }
}
