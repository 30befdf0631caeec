import Foundation
import PlinthAddressing
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: preview stacks")
struct PreviewStacksTests {
    static func preview() throws -> PreviewTarget {
        PreviewTarget(
            branch: "feature/x", slug: "feature-x-0a1b2c3d", cidr: try IPv4Prefix(parsing: "10.28.4.0/22"), resourceName: "pv-0a1b2c3d")
    }

    @Test func previewReusesTheEnvironmentModulesWithItsOwnStateAndRange() throws {
        let spec = try RenderFixture.spec()
        let rendered = try PreviewStacks(spec: spec, target: .aws, modulesDirectory: "../platform-modules").render(try Self.preview())
        #expect(rendered.stacks.map(\.id) == ["preview/feature-x-0a1b2c3d/network", "preview/feature-x-0a1b2c3d/app"])
        #expect(rendered.stacks.allSatisfy { $0.account == "dev" && $0.region == "us-east-1" })
        #expect(Set(rendered.stacks.map(\.stateKey)).count == 2)
        #expect(rendered.stacks.allSatisfy { $0.stateKey.contains("/preview/feature-x-0a1b2c3d/") })
        #expect(rendered.stacks[1].dependsOn.contains("preview/feature-x-0a1b2c3d/network"))
        #expect(rendered.stacks[0].dependsOn.contains("shared-services/us-east-1/network-hub"))

        let network = try RenderFixture.modules(rendered, stack: "preview/feature-x-0a1b2c3d/network")
        let spoke = try #require(network["spoke"])
        #expect(spoke["source"] as? String == "../../../../platform-modules/spoke-vpc")
        #expect(spoke["vpc_cidr"] as? String == "10.28.4.0/22")
        #expect(spoke["name"] as? String == "pv-0a1b2c3d")
        let subnets = ["public_subnet_cidrs", "private_subnet_cidrs", "isolated_subnet_cidrs"].flatMap { (spoke[$0] as? [String]) ?? [] }
        #expect(subnets.count == 6)
        let prefixes = try subnets.map { try IPv4Prefix(parsing: $0) }
        let range = try IPv4Prefix(parsing: "10.28.4.0/22")
        #expect(prefixes.allSatisfy { range.contains($0) })
        for (i, a) in prefixes.enumerated() { for b in prefixes[(i + 1)...] { #expect(!a.overlaps(b), "\(a) overlaps \(b)") } }
        #expect((spoke["tags"] as? [String: String])?["PlinthPreview"] == "feature-x-0a1b2c3d")
        let main = try RenderFixture.json(rendered.files["preview/feature-x-0a1b2c3d/network/main.tf.json"])
        let association =
            (main["resource"] as? [String: Any])?["aws_ec2_transit_gateway_route_table_association"] as? [String: [String: Any]]
        #expect((association?["spoke"]?["transit_gateway_route_table_id"] as? String)?.contains("[\"nonprod\"]") == true)

        let app = try #require(try RenderFixture.modules(rendered, stack: "preview/feature-x-0a1b2c3d/app")["workload"])
        #expect(app["source"] as? String == "../../../../platform-modules/workload-baseline")
        #expect(app["instance_type"] as? String == "t3.micro")
        #expect(app["spot"] as? Bool == true)
        #expect(app["enable_database"] as? Bool == false)
        let appMain = try RenderFixture.json(rendered.files["preview/feature-x-0a1b2c3d/app/main.tf.json"])
        let record = ((appMain["resource"] as? [String: Any])?["aws_route53_record"] as? [String: [String: Any]])?["preview"]
        #expect(record?["name"] as? String == "feature-x-0a1b2c3d.preview.dev.internal.allergyhub.example")
        #expect(record?["type"] as? String == "A")
        // The dev stacks it reads keep their state in dev's workspace, the hub's in the default one.
        let remote = (appMain["data"] as? [String: Any])?["terraform_remote_state"] as? [String: [String: Any]]
        #expect(remote?["env_dev_us_east_1_dns"]?["workspace"] as? String == "dev")
        #expect(remote?["env_dev_us_east_1_secrets"]?["workspace"] as? String == "dev")
        #expect(remote?["preview_feature_x_0a1b2c3d_network"]?["workspace"] as? String == "dev")
        // No instance, but the module's database inputs stay required: the dev database's are passed.
        #expect(app["db_instance_class"] as? String != nil)
        // The load balancer's HTTPS listener takes dev's load-balancer certificate from its DNS stack;
        // without it the module refuses the plan.
        #expect(
            app["certificate_arn"] as? String
                == "${data.terraform_remote_state.env_dev_us_east_1_dns.outputs.certificate_arns[\"origin-dev\"]}")
        // The providers assume dev's deploy role with the job's token file, which whoever runs them passes.
        #expect(rendered.stacks.allSatisfy { $0.requiredVariables == ["web_identity_token_file"] })
    }

    @Test func localTargetKeepsTheNameWithoutTheLoadBalancer() throws {
        let spec = try RenderFixture.spec()
        let rendered = try PreviewStacks(spec: spec, target: .local(endpoint: "http://127.0.0.1:5000"), modulesDirectory: "../pm")
            .render(try Self.preview())
        let appMain = try RenderFixture.json(rendered.files["preview/feature-x-0a1b2c3d/app/main.tf.json"])
        let record = ((appMain["resource"] as? [String: Any])?["aws_route53_record"] as? [String: [String: Any]])?["preview"]
        #expect(record?["type"] as? String == "TXT")
        #expect(rendered.disabled.contains { $0.resource == "aws_route53_record.preview alias" })
    }

    @Test func disabledPreviewsRenderNoLeaseTableAndNoPreview() throws {
        var spec = try RenderFixture.spec()
        #expect(try RenderFixture.render().stacks.contains { $0.id == "shared-services/us-east-1/preview-leases" })
        for index in spec.environments.indices { spec.environments[index].previews?.enabled = false }
        #expect(try !StackRenderer(spec: spec, target: .aws).render().stacks.contains { $0.id.hasSuffix("/preview-leases") })
        #expect(throws: RenderError.self) {
            _ = try PreviewStacks(spec: spec, target: .aws, modulesDirectory: "../pm").render(try Self.preview())
        }
    }
}
