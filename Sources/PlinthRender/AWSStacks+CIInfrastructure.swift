import PlinthSpec

/// What the pipelines run on and push to: the ephemeral GitHub runners in the runner account's hub
/// and the ECR repositories of `pipelines.containerRepositories`.
extension AWSStacks {
    /// The hub the runners live in: the runner account's hub that offers `ci-runners`, else its hub
    /// in the primary region, else its first. Validation refuses a runner account without a hub.
    var runnerHub: HubSpec? {
        let account = spec.pipelines.runners.account
        let hubs = spec.network.hubs.filter { $0.account == account }
        return hubs.first { $0.services.contains(.ciRunners) } ?? hubs.first { $0.region == spec.regions.primary } ?? hubs.first
    }

    func githubRunnersID(_ hub: HubSpec) -> String { "\(scope(of: hub.account))/\(hub.region.rawValue)/github-runners" }
    func containerRegistryID() -> String {
        "\(scope(of: spec.pipelines.runners.account))/\(spec.regions.primary.rawValue)/container-registry"
    }
    func ciOIDCID(_ account: Name) -> String { "\(scope(of: account))/global/ci-oidc" }

    func ciInfrastructure() -> [StackPlan] {
        [githubRunners(), containerRegistry()].compactMap { $0 }
    }

    func githubRunners() -> StackPlan? {
        guard let hub = runnerHub else { return nil }
        let runners = spec.pipelines.runners
        var plan = plan(
            githubRunnersID(hub), account: hub.account, region: hub.region,
            purpose: "Ephemeral self-hosted GitHub runners, one job each, in \(hub.name)'s private subnets.")
        let hubState = hubID(hub)
        plan.data.append(
            .init(
                type: "aws_ssm_parameter", name: "ami",
                body: ["name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"]))
        var inputs: [(String, JSONValue)] = [
            ("name", .string("\(platformName)-runners")),
            ("vpc_id", plan.upstream(hubState, "vpc_id")),
            ("subnet_ids", .string("${\(plan.upstreamExpression(hubState, "subnet_ids"))[\"private\"]}")),
            ("ami_id", "${nonsensitive(data.aws_ssm_parameter.ami.value)}"),
            ("instance_type", TerraformExpression.literal(runners.instanceType)),
            ("min_size", .int(runners.minSize)),
            ("max_size", .int(runners.maxSize)),
            ("github_organization", TerraformExpression.literal(spec.pipelines.githubOrganization)),
            ("labels", TerraformExpression.literals(runners.labels)),
            ("registration_secret_name", TerraformExpression.literal(runners.registrationSecret)),
        ]
        if isLocal { inputs.append(("secret_recovery_window_days", 0)) }
        plan.modules.append(.init(name: "runners", module: "github-runners", inputs: inputs))
        plan.export(
            "runners",
            [
                ("autoscaling_group_name", "Runner autoscaling group; the pool's scaler sets its desired capacity."),
                ("instance_role_arn", "Runner instance role (reads the registration secret only)."),
                ("registration_secret_arn", "Secret holding the runner-management token an operator stores."),
                ("labels", "Labels the runners register with, for runs-on."),
            ])
        return plan
    }

    /// Pushes are allowed to the deploy and publish roles of the registry's account (read from the
    /// stack that creates them), never to its read-only plan roles; pulls to the environments' accounts.
    func containerRegistry() -> StackPlan? {
        let repositories = spec.pipelines.containerRepositories
        let account = spec.pipelines.runners.account
        guard !repositories.isEmpty, deployRoleByAccount[account] != nil else { return nil }
        var plan = plan(
            containerRegistryID(), account: account, region: spec.regions.primary,
            purpose: "ECR repositories of the services' images: immutable tags, scan on push, lifecycle policy, KMS.")
        let accountIDs = plan.upstreamExpression(StackRenderer.organizationStack, "account_ids")
        let pullAccounts = Set(spec.environments.map(\.account)).sorted().map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let pushers = spec.pipelines.deployRoles.filter { $0.account == account && $0.access != .plan }
            .map { "\"\(deployRoleName($0))\"" }.joined(separator: ", ")
        var inputs: [(String, JSONValue)] = [
            ("name", .string("\(platformName)-registry")),
            (
                "repositories",
                .array(
                    repositories.map { repository in
                        [
                            "name": .string(repository.name.rawValue),
                            "source_repository": .string(repository.sourceRepository.rawValue),
                            "keep_images": .int(repository.keepImages),
                        ]
                    })
            ),
            (
                "push_principal_arns",
                .string("${[for name in [\(pushers)] : \(plan.upstreamExpression(ciOIDCID(account), "role_arns"))[name]]}")
            ),
            ("pull_account_ids", .string("${[for name in [\(pullAccounts)] : \(accountIDs)[name]]}")),
        ]
        if isLocal { inputs.append(("force_delete", true)) }
        plan.modules.append(.init(name: "registry", module: "container-registry", inputs: inputs))
        plan.export(
            "registry",
            [
                ("repository_urls", "Repository URLs by name, where the pipelines push."),
                ("repository_arns", "Repository ARNs by name."),
            ])
        return plan
    }
}
