import ArgumentParser
import Foundation
import PlinthDelivery

struct AffectedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affected",
        abstract: "List the stacks a change touches since a base revision, in waves.",
        discussion: """
            Renders the spec at --base (read from git into a scratch directory; the working tree is not \
            touched) and in the working tree, and compares the rendered stacks: a stack is affected when its \
            rendered files differ, when it calls a module whose Terraform changed, or (flagged as downstream) \
            when it reads the outputs of an affected stack. Stacks come in waves: a wave depends only on \
            earlier ones. --format json gives ids, waves, accounts and deploy roles for a workflow matrix.

            Examples:
              plinth affected --base origin/main
              plinth affected --base HEAD~1 --format json
            """
    )

    @OptionGroup var spec: SpecOptions
    @Option(help: ArgumentHelp("Revision to compare with (branch, tag or commit).", valueName: "ref")) var base: String
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func run() throws {
        do {
            let result = try AffectedFinder(specPath: URL(fileURLWithPath: spec.path)).find(base: base)
            let report = AffectedReport(result: result)
            print(format == .json ? report.json() : report.text(), terminator: "")
        } catch {
            Terminal.standardError("plinth affected: \(error)")
            throw ExitCode.failure
        }
    }
}
