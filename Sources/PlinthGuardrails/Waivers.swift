import PlinthSpec

/// What became of one waiver in a run.
public enum WaiverState: String, Sendable {
    /// It matched findings and is in force.
    case applied
    /// It matched nothing: the finding was fixed or the scope is wrong; either way it should go.
    case unused
    /// Its date has passed; the findings it matched fail again, and so does the check.
    case expired
}

/// One waiver with its place in platform.yaml and its outcome.
public struct WaiverOutcome: Sendable {
    public let index: Int
    public let waiver: WaiverSpec
    public let location: SourceLocation?
    public let state: WaiverState
    public let matched: Int
}

enum WaiverMatcher {
    /// Refuses waivers that cannot mean anything: unknown rules and dates that are not dates.
    static func validate(_ input: GuardrailInput) throws {
        for (index, waiver) in input.spec.guardrails.waivers.enumerated() {
            let path = SpecPath.root + "guardrails" + "waivers" + index
            if RuleCatalog.byID[waiver.rule] == nil {
                let at = place(input, path + "rule")
                throw GuardrailInputError.unknownRule(
                    rule: waiver.rule, at: at, suggestion: Suggestion.closest(to: waiver.rule, among: RuleCatalog.rules.map(\.id)))
            }
            if !isDate(waiver.expires) {
                throw GuardrailInputError.invalidWaiver(
                    at: place(input, path + "expires"), reason: "expires '\(waiver.expires)' is not a YYYY-MM-DD date")
            }
            if waiver.scope.isEmpty || waiver.owner.isEmpty || waiver.reason.isEmpty {
                throw GuardrailInputError.invalidWaiver(at: place(input, path), reason: "a waiver needs a scope, an owner and a reason")
            }
        }
    }

    static func place(_ input: GuardrailInput, _ path: SpecPath) -> String {
        let location = input.location(of: path).map { "\($0)" } ?? input.specFile
        return "\(location): \(path)"
    }

    static func isDate(_ text: String) -> Bool { CalendarDay.isValid(text) }

    static func matches(_ waiver: WaiverSpec, _ finding: Finding) -> Bool {
        guard waiver.rule == finding.ruleID else { return false }
        // The subject (a spec key path, or <stack>:<address>) and the stack; not the spec key behind a
        // plan finding, so a waiver of a spec finding never silences what a plan shows.
        let names = [finding.subject, finding.stack].compactMap { $0 }
        return names.contains { glob(waiver.scope, matches: $0) }
    }

    /// `*` matches any run of characters; everything else matches itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return pattern == text }
        guard let first = parts.first, let last = parts.last, text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
