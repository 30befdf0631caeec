import Foundation
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: local emulator target")
struct LocalTargetTests {
    static let endpoint = "http://127.0.0.1:5000"

    /// What the local target must switch off for platform.yaml: stack, module call and input.
    static let expected: Set<String> = [
        "shared-services/us-east-1/state-backend module.state_backend.enforce_tls_policy",
        "shared-services/us-east-1/state-backend module.state_backend.enable_lifecycle_rules",
        "env/dev/us-east-1/observability module.observability.enable_lifecycle_rules",
        "env/staging/us-east-1/observability module.observability.enable_lifecycle_rules",
        "env/prod/us-east-1/observability module.observability.enable_lifecycle_rules",
        "env/dev/global/edge module.edge.enable_lifecycle_rules",
        "env/staging/global/edge module.edge.enable_lifecycle_rules",
        "env/prod/global/edge module.edge.enable_lifecycle_rules",
        "shared-services/us-east-1/network-hub module.hub.enable_ram_share",
        "shared-services/us-west-2/network-hub module.hub.enable_ram_share",
        "env/dev/us-east-1/observability module.observability.enable_xray_sampling_rules",
        "env/staging/us-east-1/observability module.observability.enable_xray_sampling_rules",
        "env/prod/us-east-1/observability module.observability.enable_xray_sampling_rules",
        "env/dev/us-east-1/observability module.observability.enable_opensearch",
        "env/staging/us-east-1/observability module.observability.enable_opensearch",
        "env/prod/us-east-1/observability module.observability.enable_opensearch",
        "env/dev/us-east-1/workload module.workload.enable_load_balancer",
        "env/staging/us-east-1/workload module.workload.enable_load_balancer",
        "env/prod/us-east-1/workload module.workload.enable_load_balancer",
        "env/staging/us-east-1/workload module.workload.multi_az",
        "env/prod/us-east-1/workload module.workload.multi_az",
        "env/prod/us-east-1/workload module.workload.enable_backup_replication",
        "env/dev/us-east-1/workload module.workload.enable_instance_refresh",
        "env/staging/us-east-1/workload module.workload.enable_instance_refresh",
        "env/prod/us-east-1/workload module.workload.enable_instance_refresh",
        "shared-services/us-east-1/dns module.dns.enable_dnssec",
        "env/dev/us-east-1/dns module.dns.enable_certificate_validation",
        "env/staging/us-east-1/dns module.dns.enable_certificate_validation",
        "env/prod/us-east-1/dns module.dns.enable_certificate_validation",
        "env/prod/us-west-2/dns module.dns.enable_certificate_validation",
        "env/staging/us-east-1/secret-rotation module.secret_rotation.enable_rotation",
        "env/prod/us-east-1/secret-rotation module.secret_rotation.enable_rotation",
        "env/staging/us-east-1/secret-rotation module.secret_rotation.package",
        "env/prod/us-east-1/secret-rotation module.secret_rotation.package",
        "org/identity-center module.identity_center.enable_permission_sets",
        "env/dev/global/edge module.edge.enable_waf",
        "env/staging/global/edge module.edge.enable_waf",
        "env/prod/global/edge module.edge.enable_waf",
        "env/dev/global/edge module.edge.enable_security_headers",
        "env/staging/global/edge module.edge.enable_security_headers",
        "env/prod/global/edge module.edge.enable_security_headers",
        "env/prod/global/ci-oidc module.ci_oidc.create_oidc_provider",
        "env/staging/global/ci-oidc module.ci_oidc.create_oidc_provider",
        "shared-services/global/ci-oidc module.ci_oidc.create_oidc_provider",
        "env/prod/us-east-1/dns module.dns.private_zones[*].vpcs[prod-usw2]",
        "env/dev/us-east-1/workload module.workload.enable_database",
        "env/staging/us-east-1/workload module.workload.enable_database",
        "env/prod/us-east-1/secrets module.secrets.kms_key_rotation_days",
        "env/prod/us-east-1/workload module.workload.db_ca_cert_identifier",
        "env/prod/us-east-1/workload module.workload.db_deletion_protection",
        "log-archive/us-east-1/audit-logs module.audit_logs.enable_lifecycle_rules",
        "log-archive/us-east-1/audit-logs module.audit_logs.enforce_tls_policy",
        "log-archive/us-east-1/audit-logs module.change_log.enable_lifecycle_rules",
        "log-archive/us-east-1/audit-logs module.change_log.enforce_tls_policy",
        "log-archive/us-east-1/audit-logs module.change_log.enforce_writer_policy",
        "org/security-delegation module.delegation.enable_guardduty",
        "org/security-delegation module.delegation.enable_security_hub",
        "org/security-delegation module.delegation_dr.enable_guardduty",
        "org/security-delegation module.delegation_dr.enable_security_hub",
        "audit/us-east-1/security-services module.guardduty.enable_organization_configuration",
        "audit/us-east-1/security-services module.guardduty.enable_protections",
        "audit/us-east-1/security-services module.guardduty_dr.enable_protections",
        "org/security-delegation module.delegation.organization_service_principals[config.amazonaws.com]",
        "audit/us-east-1/security-services module.guardduty_dr.enable_organization_configuration",
        "audit/us-east-1/security-services module.security_hub.enable_security_hub",
        "audit/us-east-1/security-services module.security_hub_dr.enable_security_hub",
        "audit/us-east-1/security-services module.access_analyzer.enable_analyzer",
        "audit/us-east-1/security-services module.access_analyzer_dr.enable_analyzer",
        "org/config whole stack",
        "log-archive/us-east-1/config whole stack",
        "shared-services/us-east-1/config whole stack",
        "env/dev/us-east-1/config whole stack",
        "env/staging/us-east-1/config whole stack",
        "env/prod/us-east-1/config whole stack",
        "env/staging/us-east-1/lambda-artifacts module.artifacts.enable_lifecycle_rules",
        "env/staging/us-east-1/lambda-artifacts module.artifacts.enforce_tls_policy",
        "env/staging/us-east-1/lambda-artifacts module.artifacts.enforce_publisher_policy",
        "env/prod/us-east-1/lambda-artifacts module.artifacts.enable_lifecycle_rules",
        "env/prod/us-east-1/lambda-artifacts module.artifacts.enforce_tls_policy",
        "env/prod/us-east-1/lambda-artifacts module.artifacts.enforce_publisher_policy",
        "env/prod/us-east-1/secrets module.secrets.enforce_jwks_tls_policy",
        "env/prod/us-east-1/secrets module.secrets.enable_jwks_lifecycle_rules",
    ]

    @Test func disablesExactlyTheListedResources() throws {
        let local = try RenderFixture.render(.local(endpoint: Self.endpoint))
        let aws = try RenderFixture.render(.aws)
        #expect(aws.disabled.isEmpty)
        let listed = Set(local.disabled.map { "\($0.stack) \($0.resource)" })
        #expect(listed == Self.expected)
        #expect(local.disabled.allSatisfy { !$0.reason.isEmpty })
        // One database per region on the emulator: prod's.
        for env in ["dev", "staging", "prod"] {
            let body = try #require(try RenderFixture.modules(local, stack: "env/\(env)/us-east-1/workload")["workload"])
            #expect((body["enable_database"] as? Bool) == (env == "prod" ? nil : false), "\(env)")
        }
        // The prod zone keeps only its us-east-1 VPC: the DR spoke is the one left out.
        let prodZones = try #require(
            try RenderFixture.modules(local, stack: "env/prod/us-east-1/dns")["dns"]?["private_zones"] as? [[String: Any]])
        #expect(prodZones.allSatisfy { ($0["vpcs"] as? [[String: Any]])?.map { $0["vpc_region"] as? String } == ["us-east-1"] })
        // The switches are really off in the local files and on in the real ones.
        for item in local.disabled
        where !item.resource.contains("private_zones") && !item.resource.hasSuffix(".enable_database")
            && !item.resource.hasSuffix(".kms_key_rotation_days") && !item.resource.hasSuffix(".db_ca_cert_identifier")
            && !item.resource.hasSuffix(".db_deletion_protection") && item.resource != "whole stack"
            && !item.resource.contains("organization_service_principals") && !item.resource.hasSuffix(".package")
        {
            let parts = item.resource.split(separator: ".")
            let call = String(parts[1]), input = String(parts[2])
            let localBody = try #require(try RenderFixture.modules(local, stack: item.stack)[call])
            let awsBody = try #require(try RenderFixture.modules(aws, stack: item.stack)[call])
            #expect(localBody[input] as? Bool == false, "\(item.stack) \(input)")
            #expect(awsBody[input] as? Bool == true, "\(item.stack) \(input)")
        }
        // Switches the real target already keeps off (Grafana is blocked by pricing) are not listed.
        #expect(!listed.contains { $0.contains("enable_grafana") })
    }

    @Test func noStackWaitsForADeployRoleNobodyAssumesLocally() throws {
        let local = try RenderFixture.render(.local(endpoint: Self.endpoint))
        let aws = try RenderFixture.render(.aws)
        func waitsForRoles(_ rendered: RenderedInfrastructure) -> [String] {
            // The container registry reads the deploy roles' ARNs (who may push), not their credentials.
            rendered.stacks.filter {
                !$0.id.hasSuffix("/ci-oidc") && !$0.id.hasSuffix("/container-registry")
                    && $0.dependsOn.contains { $0.hasSuffix("/ci-oidc") }
            }.map(\.id)
        }
        #expect(waitsForRoles(local).isEmpty)
        // The real target assumes the roles, so there the hubs wait for shared-services' roles.
        #expect(waitsForRoles(aws).contains("shared-services/us-east-1/network-hub"))
    }

    @Test func aTreeForPlansKeepsEveryResourceTheRealTargetHas() throws {
        var renderer = StackRenderer(spec: try RenderFixture.spec(), target: .local(endpoint: Self.endpoint))
        renderer.emulatorLimits = false
        let full = try renderer.render()
        let limited = try RenderFixture.render(.local(endpoint: Self.endpoint))
        let aws = try RenderFixture.render(.aws)
        // Only the one-account rules stay: one OIDC provider and one Config recorder per region, as
        // every account is the same account on the emulator; and the rotation functions' stand-in
        // code, since the published zip is not on the emulator.
        #expect(
            full.disabled.allSatisfy {
                $0.resource.hasSuffix(".create_oidc_provider") || $0.resource == "whole stack" || $0.resource.hasSuffix(".package")
            })
        #expect(full.disabled.count == 3 + 6 + 2)
        for item in limited.disabled where !item.resource.hasSuffix(".create_oidc_provider") && item.resource != "whole stack" {
            let parts = item.resource.split(separator: ".")
            let call = String(parts[1]), input = String(parts[2])
            let fullBody = try #require(try RenderFixture.modules(full, stack: item.stack)[call])
            let awsBody = try #require(try RenderFixture.modules(aws, stack: item.stack)[call])
            #expect(fullBody[input] as? Bool == awsBody[input] as? Bool, "\(item.stack) \(input)")
        }
        // Still the local target: same stacks, the emulator's endpoints.
        #expect(full.stacks.map(\.id) == limited.stacks.map(\.id))
        #expect(full.files["org/organization/providers.tf.json"] == limited.files["org/organization/providers.tf.json"])
    }

    @Test func onlyAWSStacksWithEmulatorEndpointsAndNoAssumeRole() throws {
        let local = try RenderFixture.render(.local(endpoint: Self.endpoint))
        #expect(!local.stacks.isEmpty)
        #expect(local.stacks.allSatisfy { $0.provider == "aws" })
        for stack in local.stacks {
            let providers = try RenderFixture.json(local.files["\(stack.directory)/providers.tf.json"])
            let blocks = try #require((providers["provider"] as? [String: Any])?["aws"] as? [[String: Any]])
            for block in blocks {
                #expect(block["assume_role"] == nil)
                #expect(block["access_key"] as? String == "test")
                #expect(block["skip_credentials_validation"] as? Bool == true)
                #expect(block["skip_requesting_account_id"] as? Bool == false)  // the provider needs the account (SG references)
                #expect(block["s3_use_path_style"] as? Bool == true)
                let endpoints = try #require(block["endpoints"] as? [String: String])
                #expect(endpoints.values.allSatisfy { $0 == Self.endpoint })
                for service in ["ec2", "s3", "organizations", "sts", "iam", "dynamodb", "kms", "secretsmanager"] {
                    #expect(endpoints[service] != nil)
                }
            }
            let backend = try RenderFixture.json(local.files["\(stack.directory)/backend.tf.json"])
            let s3 = try #require(((backend["terraform"] as? [String: Any])?["backend"] as? [String: Any])?["s3"] as? [String: Any])
            #expect((s3["endpoints"] as? [String: String])?["s3"] == Self.endpoint)
            #expect(s3["use_path_style"] as? Bool == true)
            #expect(s3["skip_credentials_validation"] as? Bool == true)
            #expect(
                !(local.files["\(stack.directory)/providers.tf.json"] ?? "").contains("terraform_remote_state"),
                "\(stack.id) still needs account IDs")
        }
    }

    @Test func localTreeCanPointAtModulesByAbsolutePath() throws {
        let renderer = StackRenderer(
            spec: try RenderFixture.spec(), target: .local(endpoint: Self.endpoint), modulesDirectory: "/opt/plinth/platform-modules")
        let rendered = try renderer.render()
        let body = try #require(try RenderFixture.modules(rendered, stack: "org/organization")["organization"])
        #expect(body["source"] as? String == "/opt/plinth/platform-modules/organization")
    }
}
