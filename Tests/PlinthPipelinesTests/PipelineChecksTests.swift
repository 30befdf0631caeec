import Foundation
import PlinthPipelines
import PlinthSpec
import Testing

/// The rendered pipelines pass every cross-check, and each check catches the mutation meant for it.
@Suite("pipelines: cross-checks against pins, action inputs, required checks and OIDC trust")
struct PipelineChecksTests {
    static func checks(_ rendered: PipelineFixture.Rendered) -> PipelineChecks {
        PipelineChecks(spec: rendered.spec, workflows: rendered.workflows)
    }

    /// Replaces the first job matching `where` in any repository's workflows.
    static func mutate(_ rendered: inout PipelineFixture.Rendered, where match: (Job) -> Bool, _ change: (inout Job) -> Void) throws {
        for (repository, workflows) in rendered.workflows {
            for (w, workflow) in workflows.enumerated() {
                if let j = workflow.jobs.firstIndex(where: match) {
                    change(&rendered.workflows[repository]![w].jobs[j])
                    return
                }
            }
        }
        Issue.record("no job matched the mutation")
    }

    @Test func renderedPipelinesPassEveryCheck() throws {
        let rendered = try PipelineFixture.render()
        let checks = Self.checks(rendered)
        #expect(rendered.workflows.values.flatMap { $0 }.count >= 8)
        #expect(checks.pins(allowed: try PipelineFixture.pins()) == [])
        #expect(checks.inputs(try PipelineFixture.actionInputs()) == [])
        #expect(checks.checkNames(branchProtection: try PipelineFixture.branchProtection(rendered)) == [])
        let trusts = try PipelineFixture.trusts(rendered)
        #expect(trusts.count == rendered.spec.pipelines.deployRoles.count)
        #expect(checks.roles(trusts: trusts) == [])
        #expect(checks.approvals() == [])
        #expect(checks.scripts() == [])
    }

    @Test func pinnedActionsMatchTheReviewedList() throws {
        let pins = try PipelineFixture.pins()
        for action in PinnedAction.all {
            let owner = action.action.split(separator: "/").prefix(2).joined(separator: "/")
            #expect(pins[owner] == action.sha, "\(action.action)")
        }
    }

    @Test func anUnpinnedOrUnlistedActionIsCaught() throws {
        var rendered = try PipelineFixture.render()
        try Self.mutate(&rendered, where: { $0.id == "plinth-validate" }) { job in
            job.steps[0].uses = PinnedAction(action: "actions/checkout", sha: "v7", tag: "v7")
        }
        #expect(
            Self.checks(rendered).pins(allowed: try PipelineFixture.pins()) == [
                "plinth-validate: actions/checkout@v7 is not the pinned commit 3d3c42e5aac5ba805825da76410c181273ba90b1"
            ])
        try Self.mutate(&rendered, where: { $0.id == "plinth-validate" }) { job in
            job.steps[0].uses = PinnedAction(action: "someone/else", sha: String(repeating: "a", count: 40), tag: "v1")
        }
        #expect(
            Self.checks(rendered).pins(allowed: try PipelineFixture.pins()) == ["plinth-validate: someone/else is not an allowed action"])
    }

    @Test func anUndeclaredOrMissingInputIsCaught() throws {
        var rendered = try PipelineFixture.render()
        try Self.mutate(&rendered, where: { $0.id == "terraform-plan" }) { job in
            let index = job.steps.firstIndex { $0.uses == .uploadArtifact }!
            job.steps[index].with.append(("retention", "3"))
            job.steps[index].with.removeAll { $0.0 == "path" }
        }
        #expect(
            Self.checks(rendered).inputs(try PipelineFixture.actionInputs()) == [
                "terraform-plan: actions/upload-artifact has no input retention",
                "terraform-plan: actions/upload-artifact needs input path",
            ])
    }

    @Test func aJobNameThatIsNotARequiredCheckIsCaught() throws {
        var rendered = try PipelineFixture.render()
        try Self.mutate(&rendered, where: { $0.id == "iac-policy" }) { $0.name = "conftest" }
        #expect(
            Self.checks(rendered).checkNames(branchProtection: try PipelineFixture.branchProtection(rendered)) == [
                "infrastructure: required check iac-policy has no job", "infrastructure: job conftest is not a required check",
            ])
    }

    @Test func branchProtectionThatDiffersFromTheSpecIsCaught() throws {
        let rendered = try PipelineFixture.render()
        var protection = try PipelineFixture.branchProtection(rendered)
        protection["policy-service"]?.removeAll { $0 == "codeql" }
        #expect(
            Self.checks(rendered).checkNames(branchProtection: protection) == [
                "policy-service: branch protection requires [\"container-scan\", \"dependency-review\", \"swift-test\"], the spec [\"codeql\", \"container-scan\", \"dependency-review\", \"swift-test\"]"
            ])
    }

    @Test func aRoleAssumedWithoutTheTokenPermissionIsCaught() throws {
        var rendered = try PipelineFixture.render()
        try Self.mutate(&rendered, where: { $0.id == "preview-down" }) { $0.permissions["id-token"] = nil }
        try Self.mutate(&rendered, where: { $0.id == "plinth-validate" }) { $0.permissions["id-token"] = "write" }
        #expect(
            Self.checks(rendered).roles(trusts: try PipelineFixture.trusts(rendered)) == [
                "plinth-validate: has id-token: write but assumes no role", "preview-down: assumes a role without id-token: write",
            ])
    }

    @Test func aJobWhoseSubjectTheRoleDoesNotTrustIsCaught() throws {
        var rendered = try PipelineFixture.render()
        // A prod apply outside the prod environment carries the main branch's subject, which the
        // prod role does not trust; and it escapes the approval.
        try Self.mutate(&rendered, where: { $0.environment == "prod" && $0.id.hasPrefix("apply-") }) { $0.environment = nil }
        let problems = Self.checks(rendered).roles(trusts: try PipelineFixture.trusts(rendered))
        #expect(problems.count == 1)
        #expect(
            problems.first?.contains("subject repo:allergyhub/infrastructure:ref:refs/heads/main is not trusted by plinth-deploy in prod")
                == true)
        #expect(Self.checks(rendered).approvals().count == 1)
    }

    @Test func aTrustWiderThanTheSpecIsCaught() throws {
        let rendered = try PipelineFixture.render()
        var trusts = try PipelineFixture.trusts(rendered)
        let index = try #require(trusts.firstIndex { $0.role.account == "prod" })
        trusts[index].patterns.append("repo:allergyhub/infrastructure:ref:refs/heads/*")
        let problems = Self.checks(rendered).roles(trusts: trusts)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("trust of plinth-deploy in prod names") == true)
    }

    @Test func aPlanRoleThatDoesNotTrustPullRequestsIsCaught() throws {
        let rendered = try PipelineFixture.render()
        var trusts = try PipelineFixture.trusts(rendered)
        let index = try #require(trusts.firstIndex { $0.role == RoleReference(account: "shared-services", roleName: "plinth-plan") })
        trusts[index].exact.removeAll { $0.hasSuffix(":pull_request") }
        let problems = Self.checks(rendered).roles(trusts: trusts)
        #expect(problems.count == 2)
        #expect(
            problems.first
                == "terraform-plan: subject repo:allergyhub/infrastructure:pull_request is not trusted by plinth-plan in shared-services")
        #expect(problems.last?.hasPrefix("trust of plinth-plan in shared-services names") == true)
    }

    @Test func aDeployRoleTrustingPullRequestsIsCaught() throws {
        let rendered = try PipelineFixture.render()
        var trusts = try PipelineFixture.trusts(rendered)
        let index = try #require(trusts.firstIndex { $0.role == RoleReference(account: "prod", roleName: "plinth-deploy") })
        trusts[index].exact.append("repo:allergyhub/infrastructure:pull_request")
        #expect(Self.checks(rendered).roles(trusts: trusts).first?.hasPrefix("trust of plinth-deploy in prod names") == true)
    }

    @Test func anExpressionInsideAScriptIsCaught() throws {
        var rendered = try PipelineFixture.render()
        try Self.mutate(&rendered, where: { $0.id == "preview-down" }) { job in
            let index = job.steps.firstIndex { $0.run != nil }!
            job.steps[index].run = "plinth preview down --branch ${{ github.event.pull_request.head.ref }}"
        }
        #expect(Self.checks(rendered).scripts().count == 1)
    }

    @Test func subjectsFollowEnvironmentThenEvent() throws {
        let identity = GitHubRepositoryIdentity(owner: "octo", repository: "infra")
        #expect(identity.subject(.branch("main")) == "repo:octo/infra:ref:refs/heads/main")
        #expect(identity.subject(.environment("prod")) == "repo:octo/infra:environment:prod")
        #expect(identity.subject(.pullRequest) == "repo:octo/infra:pull_request")
        let immutable = GitHubRepositoryIdentity(owner: "octo", repository: "infra", ownerID: 12, repositoryID: 34)
        #expect(immutable.subject(.branch("main")) == "repo:octo@12/infra@34:ref:refs/heads/main")
        let trust = OIDCTrust(
            role: RoleReference(account: "dev", roleName: "r"), exact: [identity.subject(.branch("main"))],
            patterns: [identity.subject(.branch("feature/*"))])
        #expect(trust.allows("repo:octo/infra:ref:refs/heads/feature/x/y"))
        #expect(!trust.allows("repo:octo/infra:ref:refs/heads/hotfix"))
        #expect(!trust.allows("repo:octo/other:ref:refs/heads/main"))
        #expect(!trust.allows(immutable.subject(.branch("main"))))
    }

    @Test func roleReferencesRoundTrip() {
        let role = RoleReference(account: "shared-services", roleName: "plinth-deploy")
        #expect(role.arnExpression == "arn:aws:iam::${{ vars.AWS_ACCOUNT_ID_SHARED_SERVICES }}:role/plinth-deploy")
        #expect(RoleReference(arnExpression: role.arnExpression) == role)
        #expect(RoleReference(arnExpression: "arn:aws:iam::123456789012:role/x") == nil)
    }
}
