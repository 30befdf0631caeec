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

    @Test func onlyTheRegistryAccountsDeployRolesPushAndTheEnvironmentsPull() throws {
        let rendered = try RenderFixture.render()
        let stack = try #require(rendered.stacks.first { $0.id == Self.registry })
        #expect(stack.dependsOn.contains("shared-services/global/ci-oidc"))
        let call = try #require(try RenderFixture.modules(rendered, stack: Self.registry)["registry"])
        #expect(
            call["push_principal_arns"] as? String
                == "${values(data.terraform_remote_state.shared_services_global_ci_oidc.outputs.role_arns)}")
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
}
