import ArgumentParser
import Foundation
import PlinthLoader
import PlinthSpec

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check platform.yaml and report every problem at once.",
        discussion: """
            Checks YAML syntax, the structure against the schema (types, required and unknown keys), and the
            semantic rules: unique names, references that resolve, the address plan (CIDRs inside their
            supernet, no overlap between any two VPCs in any region, clear of corporate ranges), AZ counts,
            staging mirroring prod in everything but declared size knobs, account emails, blockers, and
            values that look like secrets. Each problem names file, line, column and key path.

            Exit status: 0 when valid (warnings allowed), 1 when there is any error. Nothing is written.

            Examples:
              plinth validate
              plinth validate path/to/platform.yaml --format json
            """
    )

    @OptionGroup var spec: SpecOptions
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func run() throws {
        let started = ContinuousClock.now
        let (platform, result) = try spec.loadOrExit(format: format)
        let elapsed = ContinuousClock.now - started
        switch format {
        case .json:
            print(spec.formatter.json(result.diagnostics, file: spec.path).rendered(), terminator: "")
        case .text:
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let vpcs = platform.network.hubs.count + platform.network.spokes.count
            print(
                "\(spec.path) is valid: \(platform.organization.allAccounts.count) accounts, \(platform.environments.count) environments, \(vpcs) VPCs (\(Int(milliseconds.rounded())) ms)"
            )
        }
    }
}
