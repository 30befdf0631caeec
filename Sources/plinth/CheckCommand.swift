import ArgumentParser
import Foundation
import PlinthGuardrails
import PlinthLoader
import PlinthRender

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge the spec, the stacks it renders and (with --plans) Terraform plans against the guardrails.",
        discussion: """
            Every rule has a stable id, a severity, and its CIS AWS Foundations and HIPAA Security Rule mappings.
            Findings on the spec point at the key in platform.yaml; findings on plans name the stack, the
            resource address and the spec key that produced it. Waivers live in platform.yaml under
            guardrails.waivers.

            Plans are `terraform show -json` output, one file per stack, named after the stack id with / as _
            (env_prod_us-east-1_workload.json), as scripts/test-integration writes them.

            Exit status: 0 when nothing at or above --fail-on fails and no waiver has expired; 1 when something
            does; 2 on bad input (an invalid spec, an unreadable or foreign plan, a plan for an unknown stack,
            a waiver naming an unknown rule).

            Examples:
              plinth check
              plinth check --plans .plinth/plans --format sarif > plinth.sarif
              plinth check --evidence evidence/
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit }

    @OptionGroup var spec: SpecOptions
    @Option(help: "Directory of plan JSON files (terraform show -json), one per stack.") var plans: String?
    @Option(help: "Output format.") var format: Format = .text
    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the check: low, medium, high or critical.")
    var failOn: String = "low"
    @Option(help: "Write compliance evidence (evidence.md and evidence.json) into this directory.") var evidence: String?
    @Option(help: .hidden) var today: String?

    func run() throws {
        guard let threshold = Severity(rawValue: failOn) else { fail("--fail-on must be one of low, medium, high, critical") }
        let loaded = SpecLoader().load(path: spec.path)
        guard let platform = loaded.spec else {
            Terminal.standardError(spec.formatter.text(loaded.diagnostics) + "\n" + spec.summaryLine(loaded))
            fail("\(spec.path) is not a valid spec; `plinth validate` lists what to fix")
        }
        let directory = (spec.path as NSString).deletingLastPathComponent
        let rendered: RenderedInfrastructure
        do { rendered = try StackRenderer(spec: platform, target: .aws).render() } catch {
            fail("cannot render the stacks: \(error)")
        }
        var plans: [PlanDocument] = []
        if let path = self.plans {
            do { plans = try PlanLoader.load(directory: path, knownStacks: Set(rendered.stacks.map(\.id))) } catch {
                fail("\(error)")
            }
        }
        let input = GuardrailInput(
            spec: platform, specFile: spec.path, document: loaded.document, rendered: rendered,
            stackRoot: (directory as NSString).appendingPathComponent("infrastructure"),
            moduleResourceTypes: ModuleCatalog.load(directory: (directory as NSString).appendingPathComponent("platform-modules")),
            plans: plans, today: today ?? Self.date(Date()))
        let report: CheckReport
        do { report = try GuardrailCheck.run(input) } catch { fail("\(error)") }
        switch format {
        case .text: print(TextReport.render(report, failOn: threshold))
        case .json: print(JSONReport.render(report, failOn: threshold).rendered(), terminator: "")
        case .sarif: print(SARIFReport.render(report).rendered(), terminator: "")
        case .junit: print(JUnitReport.render(report, failOn: threshold), terminator: "")
        }
        if let evidence {
            let document = EvidenceReport(
                report: report, commit: Self.commit(in: directory), generatedAt: ISO8601DateFormatter().string(from: Date()))
            do {
                try FileManager.default.createDirectory(atPath: evidence, withIntermediateDirectories: true)
                try Data(document.markdown.utf8).write(to: URL(fileURLWithPath: evidence).appendingPathComponent("evidence.md"))
                try Data(document.json.rendered().utf8).write(to: URL(fileURLWithPath: evidence).appendingPathComponent("evidence.json"))
            } catch {
                fail("cannot write evidence to \(evidence): \(error.localizedDescription)")
            }
        }
        let status = report.exitStatus(failOn: threshold)
        if status != 0 { throw ExitCode(status) }
    }

    /// Bad input: a clear message and exit 2, so no caller mistakes it for a pass or a finding.
    private func fail(_ message: String) -> Never {
        Terminal.standardError("error: \(message)")
        Foundation.exit(2)
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// The commit the evidence describes; `unknown` outside a git checkout.
    static func commit(in directory: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.isEmpty ? "." : directory, "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "unknown" }
        process.waitUntilExit()
        let text = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !commit.isEmpty ? commit : "unknown"
    }
}
