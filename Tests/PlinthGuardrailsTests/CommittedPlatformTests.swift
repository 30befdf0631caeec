import Testing

@testable import PlinthGuardrails

/// The committed platform.yaml, its rendered stacks and the committed plans pass every guardrail
/// with no unwaived finding, the audit baseline's rules included (its stacks are rendered).
struct CommittedPlatformTests {
    @Test func committedSpecStacksAndPlansHaveNoUnwaivedFindings() throws {
        #expect(GuardrailFixture.committedPlans.count == 37)
        guard let report = try GuardrailFixture.check(plans: GuardrailFixture.committedPlans) else { return }
        let unwaived = report.results.filter { !$0.isWaived }
        #expect(unwaived.map { "\($0.rule.id) \($0.finding.subject): \($0.finding.message)" } == [])
        #expect(report.exitStatus(failOn: .low) == 0)
        #expect(report.expiredWaivers.isEmpty)
        #expect(report.waivers.filter { $0.state == .unused }.map(\.waiver.scope) == [])
        // Waived: the Transit Gateway attachments whose tags the emulator drops (the plans were made on
        // moto), and the ALB log and Lambda artifact buckets (SSE-S3 only).
        #expect(Set(report.results.filter(\.isWaived).map(\.rule.id)) == ["PL-TAG-101", "PL-S3-001"])
        #expect(
            report.results.filter { $0.rule.id == "PL-TAG-101" }.allSatisfy {
                $0.finding.subject.hasSuffix("aws_ec2_transit_gateway_vpc_attachment.this[0]")
            })
        // Every plan rule looked at something: a rule that covers nothing proves nothing.
        for rule in RuleCatalog.rules where rule.target == .plan && !["PL-IAM-101"].contains(rule.id) {
            #expect(!(report.covered[rule.id] ?? []).isEmpty, "\(rule.id) covered nothing in the committed plans")
        }
    }
}
