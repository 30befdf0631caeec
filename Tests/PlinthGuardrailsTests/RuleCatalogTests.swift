import Testing

@testable import PlinthGuardrails

struct RuleCatalogTests {
    @Test func everyRuleHasAUniqueStableIDAndItsMappings() {
        let rules = RuleCatalog.rules
        #expect(rules.count >= 40)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(rule.id.wholeMatch(of: /PL-[A-Z0-9]+-\d{3}/) != nil, "\(rule.id)")
            #expect(!rule.title.isEmpty && !rule.rationale.isEmpty && !rule.remediation.isEmpty, "\(rule.id)")
            #expect(!rule.hipaa.isEmpty, "\(rule.id) maps to no HIPAA safeguard")
            for safeguard in rule.hipaa { #expect(safeguard.hasPrefix("164.3"), "\(rule.id): \(safeguard)") }
        }
        #expect(rules.filter { $0.target == .spec }.count >= 20)
        #expect(rules.filter { $0.target == .plan }.count >= 20)
    }

    @Test func fingerprintsDependOnRuleAndSubjectOnly() {
        let one = Finding(
            ruleID: "PL-S3-001", message: "a", specPath: nil, specLocation: nil, stack: "s", resource: "r",
            location: .init(file: "x", line: 1, column: 1))
        let moved = Finding(
            ruleID: "PL-S3-001", message: "b", specPath: nil, specLocation: nil, stack: "s", resource: "r",
            location: .init(file: "x", line: 40, column: 3))
        let other = Finding(ruleID: "PL-S3-002", message: "a", specPath: nil, specLocation: nil, stack: "s", resource: "r", location: nil)
        #expect(one.fingerprint == moved.fingerprint)
        #expect(one.fingerprint != other.fingerprint)
        #expect(one.fingerprint.count == 16)
    }
}
