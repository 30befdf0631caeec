import Foundation
import PlinthRender
import PlinthSpec
import Testing

@testable import PlinthGuardrails

/// The audit baseline is judged per account and region: a recorder or an organization
/// configuration missing in one place is found there, even when every other place has one.
struct AuditBaselineRulesTests {
    /// Checks the committed spec with one rendered stack's module call removed.
    private func failingWithout(module: String, inStack stack: String) throws -> [(rule: String, subject: String, message: String)] {
        let loaded = GuardrailFixture.load(GuardrailFixture.specText)
        let spec = try #require(loaded.spec)
        var rendered = try StackRenderer(spec: spec, target: .aws).render()
        let descriptor = try #require(rendered.stacks.first { $0.id == stack })
        let file = descriptor.directory + "/main.tf.json"
        let document = try #require(JSONValue.parse(Data((rendered.files[file] ?? "").utf8)))
        #expect(document["module"]?[module] != nil, "\(stack) has no module \(module) to remove")
        rendered.files[file] = document.setting(["module", module], to: nil).rendered()
        let input = GuardrailInput(
            spec: spec, specFile: "platform.yaml", document: loaded.document, rendered: rendered,
            moduleResourceTypes: GuardrailFixture.modules, today: GuardrailFixture.today)
        return try GuardrailCheck.run(input).results.filter { !$0.isWaived }.map {
            ($0.rule.id, $0.finding.subject, $0.finding.message)
        }
    }

    @Test func configMissingInOneAccountsDRRegionIsFoundThere() throws {
        let failing = try failingWithout(module: "config_dr", inStack: "env/dev/us-east-1/config")
        #expect(failing.map(\.rule) == ["PL-AUD-002"])
        #expect(failing.first?.subject == "organization.accounts[3]")
        #expect(failing.first?.message.contains("dev in us-west-2") == true)
    }

    @Test func configMissingInTheManagementAccountPointsAtIt() throws {
        let failing = try failingWithout(module: "config", inStack: "org/config")
        #expect(failing.map(\.rule) == ["PL-AUD-002"])
        #expect(failing.first?.subject == "organization.managementAccount")
        #expect(failing.first?.message.contains("in us-east-1") == true)
    }

    @Test func securityHubMissingInTheDRRegionIsFound() throws {
        let failing = try failingWithout(module: "security_hub_dr", inStack: "audit/us-east-1/security-services")
        #expect(failing.map(\.rule) == ["PL-AUD-004"])
        #expect(failing.first?.subject == "organization.auditAccount")
        #expect(failing.first?.message.contains("us-west-2") == true)
    }

    @Test func guardDutyMissingInThePrimaryRegionIsFound() throws {
        let failing = try failingWithout(module: "guardduty", inStack: "audit/us-east-1/security-services")
        #expect(failing.map(\.rule) == ["PL-AUD-003"])
        #expect(failing.first?.message.contains("us-east-1") == true)
    }

    @Test func aSpecWithoutAnAuditAccountFailsTheServiceRules() throws {
        let text = GuardrailFixture.specText.replacingOccurrences(of: "  auditAccount: audit\n", with: "")
        let report = try #require(try GuardrailFixture.check(text))
        let failing = report.results.filter { !$0.isWaived }
        // No baseline stacks are rendered at all, so the trail is missing too.
        #expect(Set(failing.map(\.rule.id)) == ["PL-AUD-001", "PL-AUD-002", "PL-AUD-003", "PL-AUD-004"])
        #expect(failing.filter { $0.rule.id != "PL-AUD-001" }.allSatisfy { $0.finding.subject == "organization" })
        #expect(failing.filter { $0.rule.id == "PL-AUD-001" }.map(\.finding.subject) == ["organization.managementAccount"])
    }
}
