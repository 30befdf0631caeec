import ArgumentParser
import Foundation
import PlinthDelivery

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply exactly the reviewed plans of a plan directory, in graph order.",
        discussion: """
            Checks the directory first (manifest, commit, every plan file's digest); nothing is applied when \
            any of it is wrong. Then, stack by stack in graph order, proves the plan current (state lineage and \
            serial as recorded, resource-change fingerprint as reviewed) and applies it. A stale plan is refused \
            with the command that plans again, and nothing after it is applied. Every stack attempted gets a \
            record in the change log (platform.yaml pipelines.changeLog), failed and refused ones too; the workflow's \
            GITHUB_* variables and --approved-by say who and what for. `plinth changes` reads them back.

            Example:
              plinth apply --local --plans .plinth/plans
              plinth apply --plans plans   (a pipeline job, on AWS)
            """
    )

    @OptionGroup var options: TargetOptions
    @OptionGroup var spec: SpecOptions
    @Option(help: ArgumentHelp("Directory written by `plinth plan`.", valueName: "dir")) var plans: String
    @Option(help: ArgumentHelp("Who approved the deploy (the environment's reviewer), for the change record.", valueName: "login"))
    var approvedBy: String?
    @Option(help: ArgumentHelp("Pull request the change was reviewed in, when GITHUB_REF does not name it.", valueName: "number"))
    var pullRequest: Int?

    func validate() throws {
        guard options.stacks.isEmpty else { throw ValidationError("apply takes its stacks from the plan directory; --stack is for plan") }
    }

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let delivery = StackDelivery(target: options.target(platform, specPath: spec.path), specPath: URL(fileURLWithPath: spec.path))
        do {
            let environment = ProcessInfo.processInfo.environment
            let commit = try? GitRepository(containing: URL(fileURLWithPath: spec.path).deletingLastPathComponent()).head()
            let context = ChangeContext.from(environment: environment, commit: commit, approvedBy: approvedBy, pullRequest: pullRequest)
            let results = try await delivery.apply(
                plans: URL(fileURLWithPath: plans).standardizedFileURL, context: context,
                notes: ProgressPrinter.handler(format: .text), progress: PlanCommand.printer("applied"))
            print("\(results.filter { $0.kind == .applied }.count) of \(results.count) stack\(results.count == 1 ? "" : "s") applied")
            print("change \(context.changeID) recorded in the change log (\(options.label("changes")))")
        } catch {
            Terminal.standardError("\(options.label("apply")): \(error)")
            throw ExitCode.failure
        }
    }
}
