import Foundation
import Testing

@testable import PlinthProvisioning

@Suite struct TerraformRunnerTests {
    @Test func countsComeFromPlanAndApplySummaries() {
        let plan = "noise\nPlan: 12 to add, 3 to change, 1 to destroy.\n"
        #expect(ChangeCounts(planOutput: plan) == ChangeCounts(added: 12, changed: 3, destroyed: 1))
        #expect(ChangeCounts(planOutput: "Changes to Outputs:") == ChangeCounts())
        #expect(
            ChangeCounts(applyOutput: "Apply complete! Resources: 4 added, 0 changed, 2 destroyed.")
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
        let terraform = TerraformEnvironment(
            terraform: URL(fileURLWithPath: "/usr/bin/terraform"), cliConfig: work.appendingPathComponent("cli.tfrc"), mirror: nil)
        let runner = TerraformRunner(environment: terraform, processEnvironment: [:], logDirectory: work)
        let stack = TerraformStack(id: "env/prod/us-east-1/workload", directory: work)
        let refused = runner.failure(stack, step: "destroy", ProcessRunner.Result(status: 1, output: output))
        guard case .deletionProtected(let id, _) = refused else {
            Issue.record("got \(refused)")
            return
        }
        #expect(id == "env/prod/us-east-1/workload")
        #expect(refused.description.contains("run `plinth up --local` once"))
        // The same words on apply are an ordinary failure.
        guard case .terraformFailed = runner.failure(stack, step: "apply", ProcessRunner.Result(status: 1, output: output)) else {
            Issue.record("an apply failure was not reported as a Terraform failure")
            return
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
