import PlinthSpec

/// A finding and the waiver that accepts it, if one does.
public struct CheckResult: Sendable {
    public let finding: Finding
    public let rule: GuardrailRule
    /// Index into `CheckReport.waivers` of the waiver in force for it.
    public let waiver: Int?

    public var isWaived: Bool { waiver != nil }
}

/// The outcome of one `plinth check`: every finding, waived or not, the waivers' fate and what
/// each rule covered. Formats and the exit status are derived from this and nothing else.
public struct CheckReport: Sendable {
    public let rules: [GuardrailRule]
    public let results: [CheckResult]
    public let waivers: [WaiverOutcome]
    /// Subjects each rule examined, by rule id.
    public let covered: [String: [String]]
    public let specFile: String
    public let planCount: Int
    public let stackCount: Int

    /// Unwaived findings at or above the threshold.
    public func failing(at threshold: Severity) -> [CheckResult] {
        results.filter { !$0.isWaived && $0.rule.severity >= threshold }
    }

    public var expiredWaivers: [WaiverOutcome] { waivers.filter { $0.state == .expired } }

    /// 0 when nothing at or above the threshold fails and no waiver has expired, else 1.
    public func exitStatus(failOn threshold: Severity) -> Int32 {
        failing(at: threshold).isEmpty && expiredWaivers.isEmpty ? 0 : 1
    }

    /// pass, fail or waived for a rule, as evidence reports it.
    public func status(of rule: GuardrailRule) -> String {
        let mine = results.filter { $0.rule.id == rule.id }
        if mine.contains(where: { !$0.isWaived }) { return "fail" }
        return mine.isEmpty ? "pass" : "waived"
    }
}

/// Runs every rule over one input.
public enum GuardrailCheck {
    /// Throws `GuardrailInputError` for waivers that cannot be honoured; everything else is a finding.
    public static func run(_ input: GuardrailInput) throws -> CheckReport {
        try WaiverMatcher.validate(input)
        var evaluation = Evaluation()
        SpecRules(input: input).evaluate(into: &evaluation)
        StackRules(input: input).evaluate(into: &evaluation)
        PlanRules(input: input).evaluate(into: &evaluation)
        AuditBaselineRules(input: input).evaluate(into: &evaluation)

        let waivers = input.spec.guardrails.waivers
        let expired = waivers.map { $0.expires < input.today }
        var matched = [Int](repeating: 0, count: waivers.count)
        var results: [CheckResult] = []
        let order = Dictionary(RuleCatalog.rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let findings = evaluation.findings.sorted {
            (order[$0.ruleID] ?? 0, $0.subject, $0.message) < (order[$1.ruleID] ?? 0, $1.subject, $1.message)
        }
        for finding in findings {
            guard let rule = RuleCatalog.byID[finding.ruleID] else { continue }
            var inForce: Int?
            for (index, waiver) in waivers.enumerated() where WaiverMatcher.matches(waiver, finding) {
                matched[index] += 1
                if !expired[index], inForce == nil { inForce = index }
            }
            results.append(CheckResult(finding: finding, rule: rule, waiver: inForce))
        }
        let outcomes = waivers.enumerated().map { index, waiver in
            WaiverOutcome(
                index: index, waiver: waiver, location: input.location(of: .root + "guardrails" + "waivers" + index),
                state: expired[index] ? .expired : matched[index] == 0 ? .unused : .applied, matched: matched[index])
        }
        return CheckReport(
            rules: RuleCatalog.rules, results: results, waivers: outcomes, covered: evaluation.covered, specFile: input.specFile,
            planCount: input.plans.count, stackCount: input.rendered?.stacks.count ?? 0)
    }
}
