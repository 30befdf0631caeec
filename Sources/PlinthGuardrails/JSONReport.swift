import PlinthSpec

/// `--format json`: the whole report for tools, with stable keys.
public enum JSONReport {
    static func location(_ location: SourceLocation?) -> JSONValue {
        guard let location else { return .null }
        return ["file": .string(location.file), "line": .int(location.line), "column": .int(location.column)]
    }

    static func finding(_ result: CheckResult, _ report: CheckReport) -> JSONValue {
        let finding = result.finding
        return .object([
            ("rule", .string(result.rule.id)),
            ("severity", .string(result.rule.severity.rawValue)),
            ("status", .string(result.isWaived ? "waived" : "fail")),
            ("message", .string(finding.message)),
            ("location", location(finding.location)),
            ("specPath", finding.specPath.map { .string($0.description) } ?? .null),
            ("specLocation", location(finding.specLocation)),
            ("stack", finding.stack.map(JSONValue.string) ?? .null),
            ("resource", finding.resource.map(JSONValue.string) ?? .null),
            ("fingerprint", .string(finding.fingerprint)),
            ("waiver", result.waiver.map { waiver(report.waivers[$0]) } ?? .null),
        ])
    }

    static func waiver(_ outcome: WaiverOutcome) -> JSONValue {
        .object([
            ("rule", .string(outcome.waiver.rule)), ("scope", .string(outcome.waiver.scope)), ("reason", .string(outcome.waiver.reason)),
            ("owner", .string(outcome.waiver.owner)), ("expires", .string(outcome.waiver.expires)),
            ("state", .string(outcome.state.rawValue)),
            ("matched", .int(outcome.matched)), ("location", location(outcome.location)),
        ])
    }

    public static func render(_ report: CheckReport, failOn: Severity) -> JSONValue {
        .object([
            ("failOn", .string(failOn.rawValue)),
            ("exitStatus", .int(Int(report.exitStatus(failOn: failOn)))),
            ("spec", .string(report.specFile)),
            ("stacks", .int(report.stackCount)),
            ("plans", .int(report.planCount)),
            ("rules", .int(report.rules.count)),
            ("findings", .array(report.results.map { finding($0, report) })),
            ("waivers", .array(report.waivers.map(waiver))),
        ])
    }
}
