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
            with the command that plans again, and nothing after it is applied.

            Example:
              plinth apply --local --plans .plinth/plans
            """
    )

    @OptionGroup var options: LocalOptions
    @OptionGroup var spec: SpecOptions
    @Option(help: ArgumentHelp("Directory written by `plinth plan`.", valueName: "dir")) var plans: String

    func validate() throws {
        guard options.stacks.isEmpty else { throw ValidationError("apply takes its stacks from the plan directory; --stack is for plan") }
    }

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let delivery = LocalDelivery(
            platform: options.localPlatform(platform, specPath: spec.path), specPath: URL(fileURLWithPath: spec.path))
        do {
            let results = try await delivery.apply(
                plans: URL(fileURLWithPath: plans).standardizedFileURL, endpoint: options.endpoint,
                notes: ProgressPrinter.handler(format: .text), progress: PlanCommand.printer("applied"))
            print("\(results.filter { $0.kind == .applied }.count) of \(results.count) stack\(results.count == 1 ? "" : "s") applied")
        } catch {
            Terminal.standardError("plinth apply --local: \(error)")
            throw ExitCode.failure
        }
    }
}
