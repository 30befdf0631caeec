/// How bad a finding is; `--fail-on` compares against this order.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// SARIF's three levels: critical and high are errors, medium a warning, low a note.
    public var sarifLevel: String {
        switch self {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }
}

/// What a rule reads: the typed spec, the rendered stacks, plan JSON, or the platform as a whole
/// (stacks and plans together, for resources that must exist somewhere).
public enum RuleTarget: String, Sendable, Codable {
    case spec, stack, plan, platform
}

/// A guardrail: a stable id that waivers, SARIF and dashboards key on, and the mappings a
/// security reviewer needs to read the result as evidence for a control.
public struct GuardrailRule: Sendable, Equatable {
    public let id: String
    public let title: String
    public let severity: Severity
    public let target: RuleTarget
    public let rationale: String
    public let remediation: String
    /// CIS AWS Foundations Benchmark v3.0.0 recommendation numbers.
    public let cis: [String]
    /// HIPAA Security Rule safeguards, such as `164.312(b)`.
    public let hipaa: [String]

    public init(
        _ id: String, _ severity: Severity, _ target: RuleTarget, _ title: String, rationale: String, remediation: String,
        cis: [String] = [], hipaa: [String]
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.target = target
        self.rationale = rationale
        self.remediation = remediation
        self.cis = cis
        self.hipaa = hipaa
    }
}
