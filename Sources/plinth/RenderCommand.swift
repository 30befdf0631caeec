import ArgumentParser
import Foundation
import PlinthDiagram
import PlinthPipelines
import PlinthRender
import PlinthSpec

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write infrastructure/ (Terraform root stacks and their apply order) from platform.yaml.",
        discussion: """
            Renders one root stack per concern and scope in Terraform JSON syntax, each with its S3 backend,
            providers and module calls computed from the spec, plus stacks.json (the apply order) and a README.
            Output is deterministic and written atomically: everything goes to a temporary sibling directory
            that replaces the old tree in one step, so an error leaves the old tree as it was. Files that are
            no longer rendered disappear. An invalid spec prints its diagnostics and writes nothing.

            --check writes nothing and exits 1 naming every file that is changed, missing or extra (what CI
            runs to keep the committed tree in step with platform.yaml).

            Also draws the spec's diagrams into docs/diagrams/ (network, accounts, addresses and stacks as SVG)
            when rendering infrastructure/ of the real target, checked by --check like the stacks, and the GitHub
            Actions workflows of every repository in pipelines.repositories into pipelines/<repository>/.github/.

            Examples:
              plinth render
              plinth render --check
              plinth render platform.yaml --output /tmp/infrastructure --format json
              plinth render --local-endpoint http://127.0.0.1:5000 --output .plinth/local/infrastructure
              plinth render --local-endpoint http://127.0.0.1:5000 --all-resources --output .plinth/local/plan
            """
    )

    @OptionGroup var spec: SpecOptions
    @Option(help: "Output directory; defaults to infrastructure/ next to the spec.") var output: String?
    @Flag(help: "Compare with the tree on disk instead of writing; exit 1 on any difference.") var check = false
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text
    @Option(
        help: ArgumentHelp(
            "Render the local-emulator target for this endpoint instead (AWS stacks only); needs --output.",
            valueName: "url")) var localEndpoint: String?
    @Flag(
        help:
            "With --local-endpoint: keep every resource the real target has instead of switching off what the emulator cannot serve (a tree to plan, not to apply)."
    )
    var allResources = false

    func validate() throws {
        if localEndpoint != nil, output == nil {
            throw ValidationError("--local-endpoint needs --output: infrastructure/ holds the real target's stacks")
        }
        if allResources, localEndpoint == nil {
            throw ValidationError(
                "--all-resources only applies to the local target (--local-endpoint): the real target has every resource already")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        let (platform, _) = try spec.loadOrExit(format: format)
        let specDirectory = URL(fileURLWithPath: spec.path).standardizedFileURL.deletingLastPathComponent()
        let root = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? specDirectory.appendingPathComponent("infrastructure")
        let modules = Self.relativePath(from: root, to: specDirectory.appendingPathComponent("platform-modules"))
        let rendered: RenderedInfrastructure
        do {
            let target: RenderTarget = localEndpoint.map { .local(endpoint: $0) } ?? .aws
            var renderer = StackRenderer(spec: platform, target: target, modulesDirectory: modules)
            renderer.emulatorLimits = !allResources
            rendered = try renderer.render()
        } catch {
            Terminal.standardError("error: \(error)")
            throw ExitCode.failure
        }
        let differences = rendered.differences(from: root)
        if !check, !differences.isEmpty {
            do { try rendered.write(to: root) } catch {
                Terminal.standardError("error: \(error)")
                throw ExitCode.failure
            }
        }
        // The committed spec's pictures (docs/diagrams/) and each repository's workflows, dependabot.yml
        // and actionlint.yaml (pipelines/) follow the same check as the stacks.
        var companions: [CompanionTree] = []
        if output == nil, localEndpoint == nil {
            companions.append(
                try companion(
                    "docs/diagrams", PlatformDiagrams(spec: platform, stacks: rendered.stacks).committedFiles(),
                    specDirectory: specDirectory))
            companions.append(
                try companion("pipelines", PipelineRenderer(spec: platform, stacks: rendered.stacks).files(), specDirectory: specDirectory))
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var report = RenderReport(
            rendered: rendered, differences: differences, root: root.path, display: output ?? "infrastructure",
            check: check, milliseconds: milliseconds)
        report.companions = companions
        switch format {
        case .json: print(report.json(), terminator: "")
        case .text:
            print(report.text(), terminator: "")
            if let failure = report.failure { Terminal.standardError(failure) }
        }
        if !report.ok { throw ExitCode.failure }
    }

    /// Compares a tree rendered next to the spec with the disk and, unless checking, writes it.
    func companion(_ display: String, _ files: [String: String], specDirectory: URL) throws -> CompanionTree {
        let root = specDirectory.appendingPathComponent(display)
        let tree = RenderedInfrastructure(files: files, stacks: [], disabled: [])
        let differences = tree.differences(from: root)
        if !check, !differences.isEmpty {
            do { try tree.write(to: root) } catch {
                Terminal.standardError("error: \(error)")
                throw ExitCode.failure
            }
        }
        return CompanionTree(display: display, fileCount: files.count, differences: differences)
    }

    /// Path from directory `from` to `to`, both absolute, e.g. `../platform-modules`.
    static func relativePath(from: URL, to: URL) -> String {
        let source = from.standardizedFileURL.pathComponents, destination = to.standardizedFileURL.pathComponents
        var common = 0
        while common < min(source.count, destination.count), source[common] == destination[common] { common += 1 }
        let ups = Array(repeating: "..", count: source.count - common)
        return (ups + destination[common...]).joined(separator: "/")
    }
}
