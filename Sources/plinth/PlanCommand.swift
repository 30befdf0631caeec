import ArgumentParser
import Foundation
import PlinthDelivery
import PlinthProvisioning

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan stacks into a directory for review: saved plans, their JSON and a Markdown summary.",
        discussion: """
            Plans in graph order, independent stacks side by side, each into <out>/<stack>/ (plan.tfplan and its \
            `terraform show -json` as plan.json), and records in <out>/manifest.json the commit, each stack's state \
            lineage and serial and a fingerprint of its resource changes, which `plinth apply` checks. \
            <out>/summary.md lists per stack what is added, changed, replaced and destroyed, stateful losses first, \
            within GitHub's comment limit. Without --stack or --affected-since every stack is planned. Without --local \
            the committed infrastructure/ (which must match the spec) is planned with the environment's AWS \
            credentials; the stacks' providers assume their roles with AWS_WEB_IDENTITY_TOKEN_FILE.

            Examples:
              plinth plan --local --stack env/prod/us-east-1/observability --out .plinth/plans
              plinth plan --local --affected-since origin/main --out .plinth/plans
              plinth plan --stack env/prod/us-east-1/observability --out plans   (a pipeline job, on AWS)
            """
    )

    @OptionGroup var options: TargetOptions
    @OptionGroup var spec: SpecOptions
    @Option(help: ArgumentHelp("Also plan the stacks affected since this revision.", valueName: "ref")) var affectedSince: String?
    @Option(help: ArgumentHelp("Directory for the plans (new, empty, or an earlier plan directory).", valueName: "dir")) var out: String

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let delivery = StackDelivery(target: options.target(platform, specPath: spec.path), specPath: URL(fileURLWithPath: spec.path))
        do {
            let result = try await delivery.plan(
                stackIDs: options.stacks, affectedSince: affectedSince, into: URL(fileURLWithPath: out).standardizedFileURL,
                notes: ProgressPrinter.handler(format: .text), progress: Self.printer("planned"))
            for skipped in result.skipped { print("  skipped \(skipped.stack): \(skipped.reason)") }
            let changed = result.manifest.stacks.filter(\.hasChanges).count
            let count = result.manifest.stacks.count
            print("\(count) stack\(count == 1 ? "" : "s") planned, \(changed) with changes; review \(result.summaryFile.path)")
        } catch {
            Terminal.standardError("\(options.label("plan")): \(error)")
            throw ExitCode.failure
        }
    }

    /// One line per stack as it finishes.
    static func printer(_ verb: String) -> @Sendable (SavedPlans.StackResult) -> Void {
        { result in
            let counts = "+\(result.counts.added) ~\(result.counts.changed) -\(result.counts.destroyed)"
            let word = result.kind == .unchanged ? "no changes" : verb
            print("  \(result.stack): \(word) in \(String(format: "%.1fs", result.seconds)) (\(counts))")
        }
    }
}
