import Foundation
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: the organization's audit baseline")
struct AuditBaselineTests {
    static let accounts = ["management", "log-archive", "audit", "shared-services", "dev", "staging", "prod"]
    static let configStacks = [
        "org/config", "log-archive/us-east-1/config", "audit/us-east-1/config", "shared-services/us-east-1/config",
        "env/dev/us-east-1/config", "env/staging/us-east-1/config", "env/prod/us-east-1/config",
    ]

    @Test func eachBaselineStackSitsInItsAccount() throws {
        let rendered = try RenderFixture.render()
        let byID = Dictionary(uniqueKeysWithValues: rendered.stacks.map { ($0.id, $0) })
        let expected: [String: String] = [
            "log-archive/us-east-1/audit-logs": "log-archive", "org/cloudtrail": "management",
            "org/security-delegation": "management", "audit/us-east-1/security-services": "audit",
        ]
        for (id, account) in expected {
            #expect(byID[id]?.account == account, "\(id)")
            #expect(byID[id]?.region == "us-east-1", "\(id)")
        }
        // AWS Config records in every account of the organization, the management account included.
        #expect(Set(Self.configStacks.compactMap { byID[$0]?.account }) == Set(Self.accounts))
    }

    @Test func regionalServicesRunInBothRegions() throws {
        let rendered = try RenderFixture.render()
        let providers = try Self.providerRegions(rendered, stack: "audit/us-east-1/security-services")
        #expect(providers == ["aws": "us-east-1", "aws.dr": "us-west-2"])
        let services = try RenderFixture.modules(rendered, stack: "audit/us-east-1/security-services")
        for base in ["guardduty", "security_hub", "access_analyzer"] {
            #expect(services[base]?["providers"] == nil, "\(base) runs in the primary region")
            #expect((services["\(base)_dr"]?["providers"] as? [String: String]) == ["aws": "aws.dr"], "\(base)_dr")
        }
        #expect(services["config_aggregator"] != nil && services["config_aggregator_dr"] == nil)
        for stack in Self.configStacks {
            let calls = try RenderFixture.modules(rendered, stack: stack)
            #expect(calls["config"]?["include_global_resource_types"] as? Bool == true, "\(stack)")
            #expect(calls["config_dr"]?["include_global_resource_types"] as? Bool == false, "\(stack)")
            #expect((calls["config_dr"]?["providers"] as? [String: String]) == ["aws": "aws.dr"], "\(stack)")
            #expect(calls["config_dr"]?["role_arn"] as? String == "${module.config.role_arn}", "\(stack)")
            #expect(try Self.providerRegions(rendered, stack: stack)["aws.dr"] == "us-west-2", "\(stack)")
        }
        let delegation = try RenderFixture.modules(rendered, stack: "org/security-delegation")
        #expect(
            delegation["delegation"]?["organization_service_principals"] as? [String] == [
                "access-analyzer.amazonaws.com", "config.amazonaws.com",
            ])
        #expect(delegation["delegation_dr"]?["organization_service_principals"] == nil)
        #expect((delegation["delegation"]?["admin_account_id"] as? String)?.contains("account_ids[\"audit\"]") == true)
    }

    @Test func theTrailAndTheRecordersWriteToTheArchiveAfterItExists() throws {
        let rendered = try RenderFixture.render()
        let byID = Dictionary(uniqueKeysWithValues: rendered.stacks.map { ($0.id, $0) })
        let position = Dictionary(uniqueKeysWithValues: rendered.stacks.enumerated().map { ($1.id, $0) })
        let archive = "log-archive/us-east-1/audit-logs"
        for stack in ["org/cloudtrail"] + Self.configStacks {
            #expect(byID[stack]?.dependsOn.contains(archive) == true, "\(stack) reads the archive")
        }
        #expect((position["org/security-delegation"] ?? .max) < (position["audit/us-east-1/security-services"] ?? -1))
        let trail = try #require(try RenderFixture.modules(rendered, stack: "org/cloudtrail")["trail"])
        #expect((trail["s3_bucket_name"] as? String)?.contains("log_archive_us_east_1_audit_logs.outputs.bucket_name") == true)
        let logs = try #require(try RenderFixture.modules(rendered, stack: archive)["audit_logs"])
        // The archive admits exactly the trail the management-account stack creates.
        #expect((logs["trail_arn"] as? String)?.hasSuffix(":trail/\(trail["name"] as? String ?? "-")") == true)
        // Locked at least as long as the longest log retention the spec states.
        let spec = try RenderFixture.spec()
        #expect(logs["retention_days"] as? Int == max(365, spec.observability.logRetentionDays.values.max() ?? 0))
        #expect(logs["enforce_tls_policy"] as? Bool == true && logs["force_destroy"] == nil)
    }

    @Test func securityHubEnrolsEveryOtherAccountAndSubscribesTheStandards() throws {
        let rendered = try RenderFixture.render()
        let hub = try #require(try RenderFixture.modules(rendered, stack: "audit/us-east-1/security-services")["security_hub"])
        let members = try #require(hub["member_account_ids"] as? String)
        #expect(members.contains("if name != \"audit\"") && members.contains("\"management\" ="))
        #expect(hub["enable_security_hub"] as? Bool == true && hub["standards"] == nil, "the module's CIS and AWS FSBP defaults apply")
    }

    @Test func theLocalTargetKeepsOneRecorderPerRegionAndListsTheRest() throws {
        let local = try RenderFixture.render(.local(endpoint: LocalTargetTests.endpoint))
        let ids = Set(local.stacks.map(\.id))
        #expect(ids.contains("audit/us-east-1/config"))
        let leftOut = Self.configStacks.filter { $0 != "audit/us-east-1/config" }
        #expect(leftOut.allSatisfy { !ids.contains($0) })
        let listed = local.disabled.filter { $0.resource == "whole stack" }
        #expect(Set(listed.map(\.stack)) == Set(leftOut))
        #expect(listed.allSatisfy { $0.reason.contains("one Config recorder per region") })
    }

    /// Provider alias (or `aws`) -> region of a rendered stack.
    static func providerRegions(_ rendered: RenderedInfrastructure, stack: String) throws -> [String: String] {
        let providers = try RenderFixture.json(rendered.files["\(stack)/providers.tf.json"])
        let blocks = try #require((providers["provider"] as? [String: Any])?["aws"] as? [[String: Any]])
        var result: [String: String] = [:]
        for block in blocks {
            let name = (block["alias"] as? String).map { "aws.\($0)" } ?? "aws"
            result[name] = block["region"] as? String
        }
        return result
    }
}
