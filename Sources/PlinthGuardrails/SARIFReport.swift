import Foundation
import PlinthSpec

/// SARIF 2.1.0 for GitHub code scanning: one run, every rule once, waived findings as accepted
/// suppressions, fingerprints that do not move when lines do.
public enum SARIFReport {
    static func tags(_ rule: GuardrailRule) -> [JSONValue] {
        var tags: [JSONValue] = ["security", .string("plinth-\(rule.target.rawValue)")]
        tags += rule.cis.map { .string("CIS-AWS-\($0)") }
        tags += rule.hipaa.map { .string("HIPAA-\($0)") }
        return tags
    }

    /// GitHub ranks security results by this number (0-10).
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    static func rule(_ rule: GuardrailRule) -> JSONValue {
        let mappings =
            (rule.cis.isEmpty ? "" : "CIS AWS Foundations Benchmark v3.0.0: \(rule.cis.joined(separator: ", ")). ")
            + "HIPAA Security Rule: \(rule.hipaa.map { "§\($0)" }.joined(separator: ", "))."
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.id.replacingOccurrences(of: "-", with: ""))),
            ("shortDescription", ["text": .string(rule.title)]),
            ("fullDescription", ["text": .string(rule.rationale)]),
            (
                "help",
                ["text": .string("\(rule.remediation) \(mappings)"), "markdown": .string("**Fix:** \(rule.remediation)\n\n\(mappings)")]
            ),
            ("defaultConfiguration", ["level": .string(rule.severity.sarifLevel)]),
            (
                "properties",
                .object([
                    ("tags", .array(tags(rule))), ("precision", "high"), ("security-severity", .string(securitySeverity(rule.severity))),
                ])
            ),
        ])
    }

    static func physical(_ location: SourceLocation) -> JSONValue {
        [
            "physicalLocation": [
                "artifactLocation": ["uri": .string(location.file)],
                "region": ["startLine": .int(location.line), "startColumn": .int(location.column)],
            ]
        ]
    }

    public static func render(_ report: CheckReport) -> JSONValue {
        let index = Dictionary(report.rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let results: [JSONValue] = report.results.map { result in
            let finding = result.finding
            var pairs: [(String, JSONValue)] = [
                ("ruleId", .string(result.rule.id)),
                ("ruleIndex", .int(index[result.rule.id] ?? 0)),
                ("level", .string(result.rule.severity.sarifLevel)),
                ("message", ["text": .string(finding.message)]),
                ("locations", .array([physical(finding.location ?? SourceLocation(file: report.specFile, line: 1, column: 1))])),
                ("partialFingerprints", ["plinthSubject/v1": .string(finding.fingerprint)]),
            ]
            if finding.stack != nil, let spec = finding.specLocation {
                var related = physical(spec)
                if case .object(var items) = related {
                    items.insert(("id", 1), at: 0)
                    items.append(("message", ["text": .string("produced by \(finding.specPath?.description ?? "the spec")")]))
                    related = .object(items)
                }
                pairs.append(("relatedLocations", .array([related])))
            }
            if let waiver = result.waiver.map({ report.waivers[$0] }) {
                pairs.append(
                    (
                        "suppressions",
                        .array([
                            [
                                "kind": "external", "status": "accepted",
                                "justification": .string(
                                    "\(waiver.waiver.reason) (owner \(waiver.waiver.owner), until \(waiver.waiver.expires))"),
                            ]
                        ])
                    ))
            }
            var properties: [(String, JSONValue)] = []
            if let stack = finding.stack { properties.append(("stack", .string(stack))) }
            if let resource = finding.resource { properties.append(("resource", .string(resource))) }
            if let path = finding.specPath { properties.append(("specPath", .string(path.description))) }
            if !properties.isEmpty { pairs.append(("properties", .object(properties))) }
            return .object(pairs)
        }
        return .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            [
                                "driver": .object([
                                    ("name", "plinth check"),
                                    ("informationUri", "https://plinth.dev/docs/guardrails"),
                                    ("semanticVersion", "1.0.0"),
                                    ("rules", .array(report.rules.map(rule))),
                                ])
                            ]
                        ),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
    }
}
