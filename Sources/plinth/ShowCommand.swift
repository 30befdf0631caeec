import ArgumentParser
import PlinthReport

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarise the platform: account tree, address plan, environments, staging vs prod, blockers."
    )

    @OptionGroup var spec: SpecOptions
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func run() throws {
        let (platform, _) = try spec.loadOrExit(format: format)
        let summary = PlatformSummary(spec: platform)
        switch format {
        case .text: print(summary.text())
        case .json: print(summary.json().rendered(), terminator: "")
        }
    }
}
