import Testing

/// `pipelines.runners` and `pipelines.containerRepositories`: where the runners live, how many
/// there may be and which repository pushes each image, each reported at its line and column.
@Suite struct PipelineInfrastructureRuleTests {
    let base = SpecFixture()

    @Test func theCommittedSpecPasses() throws {
        let result = try base.load()
        #expect(result.spec?.pipelines.runners.account == "shared-services")
        #expect(result.diagnostics.filter { $0.path.description.hasPrefix("pipelines.") }.map(\.description) == [])
    }

    @Test func runnersInAnAccountWithoutAHubAreRefused() throws {
        let bad = base.replacing("  runners:\n    account: shared-services", with: "  runners:\n    account: dev")
        try expectDiagnostic(
            bad, code: "runner-without-hub", path: "pipelines.runners.account", at: bad.valuePosition(of: "account: dev\n    instanceType"),
            message: "account 'dev' has no hub: the runners run in a hub VPC's private subnets",
            hint: "accounts with a hub: shared-services")
    }

    @Test func runnersInAnUnknownAccountAreRefused() throws {
        let bad = base.replacing("  runners:\n    account: shared-services", with: "  runners:\n    account: shared-service")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "pipelines.runners.account",
            at: bad.valuePosition(of: "account: shared-service\n"),
            message: "unknown account 'shared-service' (declared: management, log-archive, audit, shared-services, dev, staging, prod)",
            hint: "did you mean 'shared-services'?")
    }

    @Test func aPoolSmallerThanItsMinimumIsRefused() throws {
        let bad = base.replacing("    minSize: 0\n    maxSize: 4", with: "    minSize: 5\n    maxSize: 4")
        try expectDiagnostic(
            bad, code: "autoscaling-bounds", path: "pipelines.runners.maxSize", at: bad.valuePosition(of: "maxSize: 4\n    labels"),
            message: "maxSize must be at least 1 and at least minSize (got minSize 5, maxSize 4)")
    }

    @Test func aNegativeMinimumIsRefused() throws {
        let bad = base.replacing("    minSize: 0\n    maxSize: 4", with: "    minSize: -1\n    maxSize: 4")
        try expectDiagnostic(
            bad, code: "autoscaling-bounds", path: "pipelines.runners.minSize", at: bad.valuePosition(of: "minSize: -1"),
            message: "minSize must be 0 or more, not -1")
    }

    @Test func aPoolOfNoRunnersIsRefused() throws {
        let bad = base.replacing("    minSize: 0\n    maxSize: 4", with: "    minSize: 0\n    maxSize: 0")
        try expectDiagnostic(
            bad, code: "autoscaling-bounds", path: "pipelines.runners.maxSize", at: bad.valuePosition(of: "maxSize: 0\n    labels"),
            message: "maxSize must be at least 1 and at least minSize (got minSize 0, maxSize 0)")
    }

    @Test func aLabelGitHubWouldSplitIsRefused() throws {
        let bad = base.replacing("labels: [self-hosted, linux, x64, plinth]", with: "labels: [self-hosted, \"linux x64\", plinth]")
        try expectDiagnostic(
            bad, code: "invalid-format", path: "pipelines.runners.labels[1]", at: bad.position(of: "\"linux x64\""),
            message: "runner label 'linux x64' must be letters, digits, dots, underscores and hyphens")
    }

    @Test func anImageFromAnUnknownRepositoryIsRefused() throws {
        let bad = base.replacing("      sourceRepository: policy-service", with: "      sourceRepository: policy-svc")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "pipelines.containerRepositories[0].sourceRepository",
            at: bad.valuePosition(of: "sourceRepository: policy-svc"),
            message: "unknown repository 'policy-svc' (declared: infrastructure, platform-modules, policy-service)")
    }

    @Test func aKeepCountOfZeroIsRefused() throws {
        let bad = base.replacing("      keepImages: 30", with: "      keepImages: 0")
        try expectDiagnostic(
            bad, code: "out-of-range", path: "pipelines.containerRepositories[0].keepImages", at: bad.valuePosition(of: "keepImages: 0"),
            message: "keepImages must be 1 to 1000, not 0")
    }
}
