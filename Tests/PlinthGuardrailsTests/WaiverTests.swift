import Foundation
import Testing

@testable import PlinthGuardrails

struct WaiverTests {
    static func spec(waivers: String, breaking: (String, String)? = ("webACL: true", "webACL: false")) -> String {
        var text = GuardrailFixture.specText
        if let (old, new) = breaking { text = text.replacingOccurrences(of: old, with: new) }
        return text.replacingOccurrences(of: "  waivers:\n", with: "  waivers:\n" + waivers)
    }

    static let webACLWaiver = """
            - rule: PL-EDGE-002
              scope: network.edge.webACL
              reason: WAF pricing under review; CloudFront still restricts origins.
              owner: security-team
              expires: EXPIRES

        """

    @Test func waivedFindingIsReportedAsWaivedWithItsReason() throws {
        let text = Self.spec(waivers: Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2027-01-31"))
        guard let report = try GuardrailFixture.check(text) else { return }
        let result = report.results.first { $0.rule.id == "PL-EDGE-002" }
        #expect(result?.isWaived == true)
        #expect(report.waivers.first?.state == .applied)
        #expect(!report.failing(at: .low).contains { $0.rule.id == "PL-EDGE-002" })
        #expect(TextReport.render(report, failOn: .low).contains("waived (security-team: WAF pricing under review"))
        let sarif = SARIFReport.render(report).compact()
        #expect(sarif.contains("\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\""))
    }

    @Test func expiredWaiverFailsTheCheck() throws {
        let text = Self.spec(waivers: Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2026-12-06"))
        guard let report = try GuardrailFixture.check(text) else { return }
        #expect(report.waivers.first?.state == .expired)
        #expect(report.results.first { $0.rule.id == "PL-EDGE-002" }?.isWaived == false)
        #expect(report.exitStatus(failOn: .critical) == 1, "an expired waiver fails whatever the threshold")
        #expect(report.waivers.first?.location?.line == GuardrailFixture.line(of: "    - rule: PL-EDGE-002", in: text))
    }

    @Test func waiverMatchingNothingIsReportedUnused() throws {
        let text = Self.spec(waivers: Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2027-01-31"), breaking: nil)
        guard let report = try GuardrailFixture.check(text) else { return }
        #expect(report.waivers.first?.state == .unused)
        #expect(TextReport.render(report, failOn: .low).contains("unused"))
    }

    @Test func waiverScopeWithWildcardCoversAPrefix() throws {
        let waiver = Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2027-01-31")
            .replacingOccurrences(of: "scope: network.edge.webACL", with: "scope: network.edge*")
        guard let report = try GuardrailFixture.check(Self.spec(waivers: waiver)) else { return }
        #expect(report.results.first { $0.rule.id == "PL-EDGE-002" }?.isWaived == true)
    }

    @Test func unknownRuleInAWaiverIsBadInput() throws {
        let waiver = Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2027-01-31")
            .replacingOccurrences(of: "rule: PL-EDGE-002", with: "rule: PL-EDGE-020")
        let text = Self.spec(waivers: waiver)
        let error = #expect(throws: GuardrailInputError.self) { _ = try GuardrailFixture.check(text) }
        guard case .unknownRule(let rule, let at, let suggestion) = error else {
            Issue.record("expected an unknown-rule error, got \(String(describing: error))")
            return
        }
        let line = GuardrailFixture.line(of: "rule: PL-EDGE-020", in: text) ?? 0
        #expect(rule == "PL-EDGE-020")
        #expect(at.hasPrefix("platform.yaml:\(line):"))
        #expect(suggestion == "PL-EDGE-002")
        #expect("\(error.map { "\($0)" } ?? "")".contains("unknown guardrail rule 'PL-EDGE-020'"))
    }

    @Test func waiverWithoutADateIsBadInput() throws {
        let text = Self.spec(waivers: Self.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "next spring"))
        #expect(throws: GuardrailInputError.self) { _ = try GuardrailFixture.check(text) }
    }
}
