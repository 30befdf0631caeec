import Foundation
import PlinthSpec

/// Compliance evidence a security reviewer reads: for each control (HIPAA safeguard or CIS
/// recommendation), the rules that implement it, their result, what they covered and the waivers
/// with their owners, stamped with the commit and the time.
public struct EvidenceReport: Sendable {
    public let report: CheckReport
    public let commit: String
    public let generatedAt: String

    public init(report: CheckReport, commit: String, generatedAt: String) {
        self.report = report
        self.commit = commit
        self.generatedAt = generatedAt
    }

    /// Control ids in a stable order: HIPAA safeguards, then CIS recommendations.
    var controls: [(id: String, framework: String, rules: [GuardrailRule])] {
        var hipaa: [String: [GuardrailRule]] = [:], cis: [String: [GuardrailRule]] = [:]
        for rule in report.rules {
            for control in rule.hipaa { hipaa[control, default: []].append(rule) }
            for control in rule.cis { cis[control, default: []].append(rule) }
        }
        return hipaa.keys.sorted().map { ("§\($0)", "HIPAA Security Rule", hipaa[$0] ?? []) }
            + cis.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map {
                ($0, "CIS AWS Foundations Benchmark v3.0.0", cis[$0] ?? [])
            }
    }

    func waivers(of rule: GuardrailRule) -> [WaiverOutcome] { report.waivers.filter { $0.waiver.rule == rule.id } }

    public var json: JSONValue {
        .object([
            ("commit", .string(commit)),
            ("generatedAt", .string(generatedAt)),
            ("spec", .string(report.specFile)),
            (
                "controls",
                .array(
                    controls.map { control in
                        .object([
                            ("control", .string(control.id)),
                            ("framework", .string(control.framework)),
                            ("status", .string(control.rules.contains { report.status(of: $0) == "fail" } ? "fail" : "pass")),
                            (
                                "rules",
                                .array(
                                    control.rules.map { rule in
                                        .object([
                                            ("id", .string(rule.id)), ("title", .string(rule.title)),
                                            ("severity", .string(rule.severity.rawValue)),
                                            ("result", .string(report.status(of: rule))),
                                            ("covered", .array((report.covered[rule.id] ?? []).map(JSONValue.string))),
                                            (
                                                "findings",
                                                .array(
                                                    report.results.filter { $0.rule.id == rule.id }.map { JSONReport.finding($0, report) })
                                            ),
                                            ("waivers", .array(waivers(of: rule).map(JSONReport.waiver))),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    public var markdown: String {
        var out = "# Compliance evidence: plinth check\n\n"
        out += "- Spec: `\(report.specFile)`\n- Commit: `\(commit)`\n- Generated: \(generatedAt)\n"
        out += "- Rules: \(report.rules.count); stacks: \(report.stackCount); plans: \(report.planCount)\n\n"
        for control in controls {
            let failed = control.rules.contains { report.status(of: $0) == "fail" }
            out += "## \(control.framework) \(control.id): \(failed ? "FAIL" : "pass")\n\n"
            out += "| Rule | Title | Result | Covered | Findings |\n|---|---|---|---|---|\n"
            for rule in control.rules {
                let findings = report.results.filter { $0.rule.id == rule.id }
                out +=
                    "| \(rule.id) | \(rule.title) | \(report.status(of: rule)) | \(report.covered[rule.id]?.count ?? 0) | \(findings.count) |\n"
            }
            let failing = control.rules.flatMap { rule in report.results.filter { $0.rule.id == rule.id } }
            if !failing.isEmpty {
                out += "\nFindings:\n\n"
                for result in failing {
                    let place = result.finding.location.map { "\($0)" } ?? report.specFile
                    out +=
                        "- \(result.rule.id) `\(result.finding.subject)` (\(place)): \(result.finding.message)\(result.isWaived ? " (waived)" : "")\n"
                }
            }
            let waivers = control.rules.flatMap(waivers(of:))
            if !waivers.isEmpty {
                out += "\nWaivers:\n\n"
                for waiver in waivers {
                    out +=
                        "- \(waiver.waiver.rule) `\(waiver.waiver.scope)`: \(waiver.waiver.reason); owner \(waiver.waiver.owner), expires \(waiver.waiver.expires), \(waiver.state.rawValue)\n"
                }
            }
            out += "\nResources covered: "
            let covered = Set(control.rules.flatMap { report.covered[$0.id] ?? [] }).sorted()
            out +=
                covered.isEmpty
                ? "none\n\n"
                : covered.prefix(50).map { "`\($0)`" }.joined(separator: ", ")
                    + (covered.count > 50 ? ", and \(covered.count - 50) more" : "") + "\n\n"
        }
        return out
    }
}
