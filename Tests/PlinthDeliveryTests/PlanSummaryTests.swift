import PlinthDelivery
import Testing

/// The review summary: counts, stateful losses first, and the comment limit.
@Suite struct PlanSummaryTests {
    static func stack(_ id: String, _ resources: [PlannedChanges.Resource]) -> PlanSummary.Stack {
        PlanSummary.Stack(id: id, changes: PlannedChanges(resources: resources, fingerprint: "f"), fullPlan: "\(id)/plan.json")
    }

    @Test func statefulReplacementsAndDestroysComeFirst() {
        let summary = PlanSummary(
            stacks: [
                Self.stack(
                    "env/prod/data",
                    [
                        .init(address: "aws_iam_role.a", type: "aws_iam_role", action: .add),
                        .init(address: "aws_db_instance.main", type: "aws_db_instance", action: .replace),
                        .init(address: "aws_cloudwatch_log_group.l", type: "aws_cloudwatch_log_group", action: .destroy),
                        .init(address: "aws_security_group.s", type: "aws_security_group", action: .destroy),
                    ]),
                Self.stack("env/dev/network", []),
            ], title: "Plan")
        let text = summary.markdown()
        #expect(text.contains("2 stacks planned: 1 to add, 0 to change, 1 to replace, 2 to destroy."))
        let stateful = text.range(of: "### Stateful resources replaced or destroyed")
        let firstStack = text.range(of: "### `env/prod/data`")
        #expect(stateful != nil && firstStack != nil)
        if let stateful, let firstStack { #expect(stateful.lowerBound < firstStack.lowerBound) }
        #expect(text.contains("- **replace** `aws_db_instance.main` (aws_db_instance) in `env/prod/data`"))
        #expect(!text.contains("- **destroy** `aws_security_group.s`"))
        // Within the stack, the stateful losses lead the table.
        let table = text.components(separatedBy: "| action | resource |")[1]
        #expect(
            table.range(of: "aws_db_instance.main")?.lowerBound ?? table.endIndex < table.range(of: "aws_iam_role.a")?.lowerBound
                ?? table.startIndex)
        #expect(text.contains("### `env/dev/network`: +0 ~0 ±0 -0\n\nNo changes."))
    }

    @Test func aHugePlanIsCutPerStackUnderTheCommentLimitAndSaysWhereTheFullPlanIs() {
        let stacks = (0..<40).map { index in
            Self.stack(
                "env/dev/stack-\(index)",
                (0..<400).map { .init(address: "aws_route.r\($0)[\"10.0.\($0).0/24\"]", type: "aws_route", action: .add) })
        }
        let text = PlanSummary(stacks: stacks, title: "Plan").markdown()
        #expect(text.count <= PlanSummary.commentLimit)
        for index in 0..<40 {
            #expect(text.contains("### `env/dev/stack-\(index)`"))
            #expect(text.contains("full plan: `env/dev/stack-\(index)/plan.json`"))
        }
        #expect(text.contains("16000 to add"))
    }

    @Test func aSmallPlanIsNotCut() {
        let text = PlanSummary(
            stacks: [Self.stack("a", [.init(address: "aws_s3_bucket.b", type: "aws_s3_bucket", action: .add)])], title: "Plan"
        ).markdown()
        #expect(!text.contains("not shown"))
        #expect(text.contains("| add | `aws_s3_bucket.b` |"))
    }
}
