import ArgumentParser
import Foundation
import PlinthDelivery
import PlinthDiagram
import PlinthRender
import PlinthSpec

extension DiagramView: ExpressibleByArgument {}
extension DiagramFormat: ExpressibleByArgument {}

struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the platform from platform.yaml: network, accounts, addresses or stacks, as SVG, Mermaid or dot.",
        discussion: """
            Views:
              network    regions, hubs and Transit Gateways, spokes by environment with
                         their CIDRs, peering, PrivateLink, CloudFront, and VPN and
                         Direct Connect (dashed while a blocker gates them)
              accounts   OUs, accounts, SCPs per OU, permission sets per Okta group
              addresses  each supernet as a bar: VPCs, preview pool, reserved ranges
              stacks     the stack graph in apply waves, coloured by account

            Formats: svg (laid out by plinth, self-contained), mermaid (a flowchart GitHub renders inside a
            ```mermaid block), dot (Graphviz, for your own layout). The same spec always gives the same bytes.
            Large specs are grouped: a tier with many environments, an OU with many accounts, or many copies
            of one stack in a wave are drawn as one box with counts.

            `plinth render` keeps docs/diagrams/<view>.svg up to date for the committed spec. With
            --affected-since REF the stacks view marks what `plinth affected --base REF` finds: changed
            stacks in red, stacks that only read their outputs in amber, each with a note line.

            Examples:
              plinth diagram --view network > network.svg
              plinth diagram --view stacks --format mermaid
              plinth diagram platform.yaml --view addresses --output docs/addresses.svg
              plinth diagram --view stacks --format mermaid --affected-since origin/main
            """
    )

    @OptionGroup var spec: SpecOptions
    @Option(help: "What to draw: \(DiagramView.allCases.map(\.rawValue).joined(separator: ", ")).") var view: DiagramView
    @Option(help: "Output format: \(DiagramFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: DiagramFormat = .svg
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: ArgumentHelp("Mark the stacks a change since this revision touches (stacks view only).", valueName: "ref"))
    var affectedSince: String?

    func validate() throws {
        if affectedSince != nil, view != .stacks {
            throw ValidationError("--affected-since marks stacks, so it goes with --view stacks only")
        }
    }

    func run() throws {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let tree: RenderedInfrastructure
        do { tree = try StackRenderer(spec: platform, target: .aws).render() } catch {
            Terminal.standardError("error: \(error)")
            throw ExitCode.failure
        }
        var highlighted: [String: DiagramHighlight] = [:]
        if let affectedSince {
            do {
                let affected = try AffectedFinder(specPath: URL(fileURLWithPath: spec.path))
                    .find(base: affectedSince, head: (platform, tree)).affected
                for stack in affected.stacks { highlighted[stack.id] = stack.downstreamOnly ? .downstream : .changed }
            } catch {
                Terminal.standardError("plinth diagram: \(error)")
                throw ExitCode.failure
            }
        }
        let text = PlatformDiagrams(spec: platform, stacks: tree.stacks, highlighted: highlighted).render(view, as: format)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            Terminal.standardError("error: could not write \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
