import Foundation
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: the pipelines' runners and container registry")
struct CIInfrastructureStacksTests {
    static let runners = "shared-services/us-east-1/github-runners"
    static let registry = "shared-services/us-east-1/container-registry"

    @Test func runnersLiveInTheHubThatOffersThem() throws {
        let rendered = try RenderFixture.render()
        let stack = try #require(rendered.stacks.first { $0.id == Self.runners })
        #expect(stack.account == "shared-services" && stack.region == "us-east-1")
        #expect(stack.dependsOn.contains("shared-services/us-east-1/network-hub"))
        let call = try #require(try RenderFixture.modules(rendered, stack: Self.runners)["runners"])
        #expect(
            call["subnet_ids"] as? String
                == "${data.terraform_remote_state.shared_services_us_east_1_network_hub.outputs.subnet_ids[\"private\"]}")
        #expect(call["labels"] as? [String] == ["self-hosted", "linux", "x64", "plinth"])
        #expect(call["min_size"] as? Int == 0 && call["max_size"] as? Int == 4)
        #expect(call["instance_type"] as? String == "t3.large")
        #expect(call["registration_secret_name"] as? String == "github/runner-registration")
        #expect(call["github_organization"] as? String == "allergyhub")
        #expect(call["secret_recovery_window_days"] == nil, "the real target keeps the default recovery window")
    }

    @Test func theSpecDecidesThePoolAndItsHub() throws {
        var spec = try RenderFixture.spec()
        spec.pipelines.runners.maxSize = 9
        spec.pipelines.runners.labels = ["self-hosted", "terraform"]
        // Without a hub offering ci-runners, the runner account's hub in the primary region is taken.
        for index in spec.network.hubs.indices { spec.network.hubs[index].services.removeAll { $0 == .ciRunners } }
        spec.network.hubs.reverse()
        let rendered = try StackRenderer(spec: spec, target: .aws).render()
        let call = try #require(try RenderFixture.modules(rendered, stack: Self.runners)["runners"])
        #expect(call["max_size"] as? Int == 9)
        #expect(call["labels"] as? [String] == ["self-hosted", "terraform"])
    }

    @Test func onlyTheRegistryAccountsDeployAndPublishRolesPushAndTheEnvironmentsPull() throws {
        let rendered = try RenderFixture.render()
        let stack = try #require(rendered.stacks.first { $0.id == Self.registry })
        #expect(stack.dependsOn.contains("shared-services/global/ci-oidc"))
        let call = try #require(try RenderFixture.modules(rendered, stack: Self.registry)["registry"])
        #expect(
            call["push_principal_arns"] as? String
                == "${[for name in [\"plinth-deploy\", \"plinth-publish\"] : data.terraform_remote_state.shared_services_global_ci_oidc.outputs.role_arns[name]]}",
            "the read-only plan role never pushes")
        #expect(
            call["pull_account_ids"] as? String
                == "${[for name in [\"dev\", \"prod\", \"staging\"] : data.terraform_remote_state.org_organization.outputs.account_ids[name]]}"
        )
        let repositories = try #require(call["repositories"] as? [[String: Any]])
        #expect(repositories.count == 1)
        #expect(repositories.first?["name"] as? String == "policy-service")
        #expect(repositories.first?["source_repository"] as? String == "policy-service")
        #expect(repositories.first?["keep_images"] as? Int == 30)
        #expect(call["force_delete"] == nil, "the real target keeps images on delete")
    }

    @Test func noRepositoriesMeansNoRegistryStack() throws {
        var spec = try RenderFixture.spec()
        spec.pipelines.containerRepositories = []
        let rendered = try StackRenderer(spec: spec, target: .aws).render()
        #expect(!rendered.stacks.contains { $0.id == Self.registry })
        #expect(rendered.stacks.contains { $0.id == Self.runners })
    }

    @Test func theLocalTargetMakesBothDisposableAndSwitchesNothingOff() throws {
        let local = try RenderFixture.render(.local(endpoint: LocalTargetTests.endpoint))
        #expect(try RenderFixture.modules(local, stack: Self.runners)["runners"]?["secret_recovery_window_days"] as? Int == 0)
        #expect(try RenderFixture.modules(local, stack: Self.registry)["registry"]?["force_delete"] as? Bool == true)
        #expect(!local.disabled.contains { $0.stack == Self.runners || $0.stack == Self.registry })
    }

    /// Each role of a ci-oidc stack carries its access; the publish role names its repository's
    /// images, the plan role the state it reads.
    @Test func ciOIDCRolesCarryThePolicyOfTheirAccess() throws {
        let rendered = try RenderFixture.render()
        let shared = try #require(try RenderFixture.modules(rendered, stack: "shared-services/global/ci-oidc")["ci_oidc"])
        let roles = try #require(shared["deploy_roles"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: roles.compactMap { role in (role["role_name"] as? String).map { ($0, role) } })
        #expect(byName["plinth-deploy"]?["access"] as? String == "deploy")
        #expect(byName["plinth-deploy"]?["policy_arns"] as? [String] == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(byName["plinth-publish"]?["access"] as? String == "publish")
        #expect(byName["plinth-publish"]?["ecr_repositories"] as? [String] == ["policy-service"])
        #expect(byName["plinth-publish"]?["policy_arns"] == nil, "a publish role gets no managed policy")
        let prod = try #require(try RenderFixture.modules(rendered, stack: "env/prod/global/ci-oidc")["ci_oidc"])
        let plan = try #require((prod["deploy_roles"] as? [[String: Any]])?.first { $0["role_name"] as? String == "plinth-plan" })
        #expect(plan["access"] as? String == "plan")
        #expect(plan["pull_request"] as? Bool == true)
        #expect(plan["environments"] as? [String] == [])
        let state = try #require(plan["state"] as? [String: Any])
        #expect(
            state["bucket_arn"] as? String == "${data.terraform_remote_state.shared_services_us_east_1_state_backend.outputs.bucket_arn}")
        #expect(state["key_prefix"] as? String == "plinth")
    }
}
