import Testing

/// `pipelines.deployRoles[].access` and `pullRequests`, and the scan exceptions of
/// `pipelines.containerRepositories`: each wrong value is reported at its key path, line and column.
@Suite struct DeployRoleAccessRuleTests {
    let base = SpecFixture()

    @Test func theCommittedSpecHasPublishAndPlanRoles() throws {
        let spec = try #require(try base.load().spec)
        let roles = spec.pipelines.deployRoles
        #expect(roles.filter { $0.access == .publish }.map(\.repository) == ["policy-service"])
        #expect(Set(roles.filter { $0.access == .plan }.map(\.account.rawValue)) == ["shared-services", "dev", "staging", "prod"])
        #expect(roles.filter { $0.pullRequests }.allSatisfy { $0.access == .plan })
        #expect(spec.pipelines.containerRepositories.first?.scanExceptions == [])
    }

    @Test func anUnknownAccessNamesItsKeyPathAndTheChoices() throws {
        let bad = base.replacing("      access: publish", with: "      access: admin")
        try expectDiagnostic(
            bad, code: "invalid-value", path: "pipelines.deployRoles[4].access", at: bad.valuePosition(of: "access: admin"),
            message: "'admin' is not one of deploy, publish, plan")
    }

    @Test func pullRequestTrustOnADeployRoleIsRefused() throws {
        let bad = base.replacing(
            "      branches: [main, \"feature/*\"]\n", with: "      branches: [main, \"feature/*\"]\n      pullRequests: true\n")
        try expectDiagnostic(
            bad, code: "pull-request-trust", path: "pipelines.deployRoles[1].pullRequests",
            at: bad.valuePosition(of: "pullRequests: true\n      environments: [dev]"),
            message: "only a plan role may trust pull requests; 'plinth-deploy' has access deploy")
    }

    @Test func aPlanRoleBehindAnApprovalEnvironmentIsRefused() throws {
        let bad = base.replacing(
            "      roleName: plinth-plan\n      repository: infrastructure\n      branches: [main]\n      pullRequests: true\n      requiresApproval: false",
            with:
                "      roleName: plinth-plan\n      repository: infrastructure\n      branches: [main]\n      pullRequests: true\n      requiresApproval: true\n      approvers: [platform-team]"
        )
        try expectDiagnostic(
            bad, code: "plan-role-environments", path: "pipelines.deployRoles[5].requiresApproval",
            at: bad.valuePosition(of: "requiresApproval: true\n      approvers: [platform-team]\n      access: plan"),
            message: "plan role 'plinth-plan' is read-only: it trusts branches and pull requests, not approval environments")
    }

    @Test func aPublishRoleOfARepositoryWithoutImagesIsRefused() throws {
        let bad = base.replacing(
            "      roleName: plinth-publish\n      repository: policy-service",
            with: "      roleName: plinth-publish\n      repository: platform-modules")
        try expectDiagnostic(
            bad, code: "publish-without-images", path: "pipelines.deployRoles[4].repository",
            at: bad.valuePosition(of: "repository: platform-modules\n      branches"),
            message:
                "publish role 'plinth-publish' belongs to 'platform-modules', which builds no containerRepositories image and no functionArtifacts zip"
        )
    }

    @Test func aRotationFunctionWithoutAnArtifactAndAnArtifactWithoutAPublisherAreRefused() throws {
        let unbuilt = base.replacing("      function: secret-rotation\n", with: "      function: secret-rotator\n")
        try expectDiagnostic(
            unbuilt, code: "unknown-reference", path: "secrets.secrets[\(firstFunctionSecret)].rotation.function",
            at: unbuilt.valuePosition(of: "function: secret-rotator"),
            message: "unknown function (pipelines.functionArtifacts) 'secret-rotator' (declared: secret-rotation)")
        let unpublished = base.replacing(
            "      sourceRepository: policy-service\n      build:", with: "      sourceRepository: platform-modules\n      build:")
        try expectDiagnostic(
            unpublished, code: "function-without-publisher", path: "pipelines.functionArtifacts[0].sourceRepository",
            at: unpublished.valuePosition(of: "sourceRepository: platform-modules\n      build:"),
            message:
                "function artifact 'secret-rotation' is built by 'platform-modules', which has no publish role (deployRoles with access: publish) to publish it"
        )
    }

    @Test func aFunctionArtifactWithoutABuildOrDeclaredTwiceIsRefused() throws {
        let bad = base.replacing(
            "      build: scripts/package-rotation\n",
            with:
                "      build: \"\"\n    - name: secret-rotation\n      sourceRepository: policy-service\n      build: scripts/package-rotation\n"
        )
        try expectDiagnostic(
            bad, code: "empty-value", path: "pipelines.functionArtifacts[0].build",
            at: bad.position(of: "\"\"\n    - name: secret-rotation"),
            message: "function artifact 'secret-rotation' needs the command that builds its zip")
        try expectDiagnostic(
            bad, code: "duplicate-name", path: "pipelines.functionArtifacts[1].name",
            at: bad.valuePosition(of: "name: secret-rotation\n      sourceRepository: policy-service\n      build: scripts"),
            message: "duplicate function artifact 'secret-rotation'")
    }

    /// Index of the first secret rotated by a function in the committed spec.
    var firstFunctionSecret: Int {
        get throws {
            let spec = try #require(try base.load().spec)
            return try #require(spec.secrets.secrets.firstIndex { $0.rotation.function != nil })
        }
    }

    @Test func aProdPlanRoleNeedsNoApprovalButTheProdDeployRoleStillDoes() throws {
        let bad = base.replacing(
            "      environments: [prod]\n      requiresApproval: true", with: "      environments: [prod]\n      requiresApproval: false")
        try expectDiagnostic(
            bad, code: "production-approval", path: "pipelines.deployRoles[3].requiresApproval",
            at: bad.valuePosition(of: "requiresApproval: false\n      approvers"), message: "the production deploy role requires approval")
    }

    @Test func aScanExceptionNeedsAReasonAndARealExpiryDay() throws {
        let bad = base.replacing(
            "      scanExceptions: []",
            with: "      scanExceptions:\n        - {finding: CVE-2026-0001, reason: \"\", expires: 2026-13-01}")
        try expectDiagnostic(
            bad, code: "invalid-format", path: "pipelines.containerRepositories[0].scanExceptions[0].expires",
            at: bad.position(of: "2026-13-01"), message: "expires '2026-13-01' is not a YYYY-MM-DD date")
        try expectDiagnostic(
            bad, code: "empty-value", path: "pipelines.containerRepositories[0].scanExceptions[0].reason", at: bad.position(of: "\"\""),
            message: "a scan exception records why the finding 'CVE-2026-0001' is accepted")
    }

    @Test func aFindingExceptedTwiceIsRefused() throws {
        let bad = base.replacing(
            "      scanExceptions: []",
            with:
                "      scanExceptions:\n        - {finding: CVE-2026-0001, reason: a, expires: 2027-01-01}\n        - {finding: CVE-2026-0001, reason: b, expires: 2027-02-01}"
        )
        try expectDiagnostic(
            bad, code: "duplicate-name", path: "pipelines.containerRepositories[0].scanExceptions[1].finding",
            at: bad.position(of: "CVE-2026-0001", occurrence: 2), message: "duplicate scan exception 'CVE-2026-0001'")
    }
}
