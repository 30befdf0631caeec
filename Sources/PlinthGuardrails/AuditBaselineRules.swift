import Foundation
import PlinthRender
import PlinthSpec

/// The audit baseline in every account and region the platform may use (the region SCP allows the
/// primary and DR regions only): a recorder missing in one account or region is a blind spot the
/// presence of recorders elsewhere hides, so coverage is judged per account and region.
struct AuditBaselineRules {
    let input: GuardrailInput

    /// An account and region a resource type is created in.
    struct Placement: Hashable {
        var type: String
        var account: String
        var region: String
    }

    /// Where the rendered stacks create each resource type: through their modules (a module call
    /// with `providers = { aws = aws.dr }` runs in that alias's region) and at their root.
    func renderedPlacements() -> Set<Placement> {
        guard let rendered = input.rendered else { return [] }
        var placements: Set<Placement> = []
        for stack in rendered.stacks {
            guard let account = stack.account, let region = stack.region,
                let body = rendered.files[stack.directory + "/main.tf.json"],
                let document = JSONValue.parse(Data(body.utf8))
            else { continue }
            let aliases = aliasRegions(rendered.files[stack.directory + "/providers.tf.json"])
            for (type, _) in document["resource"]?.objectPairs ?? [] {
                placements.insert(Placement(type: type, account: account, region: region))
            }
            for (_, module) in document["module"]?.objectPairs ?? [] {
                guard let source = module["source"]?.stringValue, let name = source.split(separator: "/").last else { continue }
                let alias = module["providers"]?["aws"]?.stringValue.map { String($0.dropFirst("aws.".count)) }
                let moduleRegion = alias.flatMap { aliases[$0] } ?? region
                for type in input.moduleResourceTypes[String(name)] ?? [] {
                    placements.insert(Placement(type: type, account: account, region: moduleRegion))
                }
            }
        }
        return placements
    }

    /// Region of each aliased `aws` provider in a stack's providers file.
    private func aliasRegions(_ body: String?) -> [String: String] {
        guard let body, let document = JSONValue.parse(Data(body.utf8)) else { return [:] }
        var regions: [String: String] = [:]
        for provider in document["provider"]?["aws"]?.arrayValue ?? [] {
            if let alias = provider["alias"]?.stringValue, let region = provider["region"]?.stringValue { regions[alias] = region }
        }
        return regions
    }

    func evaluate(into evaluation: inout Evaluation) {
        let organization = input.spec.organization
        let regions = [input.spec.regions.primary.rawValue, input.spec.regions.disasterRecovery.rawValue]
        func accountPath(_ name: String) -> SpecPath {
            if name == organization.managementAccount.name.rawValue { return .root + "organization" + "managementAccount" }
            return organization.accounts.firstIndex { $0.name.rawValue == name }.map { .root + "organization" + "accounts" + $0 }
                ?? .root + "organization"
        }
        let placements = renderedPlacements()
        var anywhere = Set(placements.map(\.type))
        for plan in input.plans { for resource in plan.resources { anywhere.insert(resource.type) } }
        func creates(_ type: String, _ account: String, _ region: String) -> Bool {
            // Without rendered stacks (a check of plans alone) only presence can be judged.
            input.rendered == nil ? anywhere.contains(type) : placements.contains(Placement(type: type, account: account, region: region))
        }

        // The trail: one organization trail, multi-region, in the management account.
        let trailPath = accountPath(organization.managementAccount.name.rawValue)
        evaluation.cover("PL-AUD-001", trailPath.description)
        if !anywhere.contains("aws_cloudtrail") {
            evaluation.add(
                input.specFinding("PL-AUD-001", trailPath, "no stack creates the organization CloudTrail (missing aws_cloudtrail)"))
        }

        guard let audit = organization.auditAccount?.rawValue else {
            for rule in ["PL-AUD-002", "PL-AUD-003", "PL-AUD-004"] {
                evaluation.cover(rule, "organization")
                evaluation.add(
                    input.specFinding(
                        rule, .root + "organization",
                        "no audit account administers the organization's security services: set organization.auditAccount"))
            }
            return
        }
        let auditPath = SpecPath.root + "organization" + "auditAccount"

        // Config: a recorder in every account and region, and the aggregator in the audit account.
        for account in organization.allAccounts.map(\.name.rawValue) {
            for region in regions {
                evaluation.cover("PL-AUD-002", "\(account)/\(region)")
                if !creates("aws_config_configuration_recorder", account, region) {
                    evaluation.add(
                        input.specFinding(
                            "PL-AUD-002", accountPath(account),
                            "AWS Config does not record account \(account) in \(region): no stack creates a recorder there"))
                }
            }
        }
        if !regions.contains(where: { creates("aws_config_configuration_aggregator", audit, $0) }) {
            evaluation.add(
                input.specFinding("PL-AUD-002", auditPath, "no Config aggregator in the audit account \(audit) gathers the organization"))
        }

        // GuardDuty and Security Hub are regional: the administrator's organization configuration
        // must exist in every region, or new accounts there are never enrolled.
        let services: [(String, [String], String)] = [
            ("PL-AUD-003", ["aws_guardduty_detector", "aws_guardduty_organization_configuration"], "GuardDuty"),
            ("PL-AUD-004", ["aws_securityhub_account", "aws_securityhub_organization_configuration"], "Security Hub"),
        ]
        for (rule, types, service) in services {
            for region in regions {
                evaluation.cover(rule, "\(audit)/\(region)")
                let missing = types.filter { !creates($0, audit, region) }
                if !missing.isEmpty {
                    evaluation.add(
                        input.specFinding(
                            rule, auditPath,
                            "\(service) is not run for the organization from \(audit) in \(region) (missing \(missing.joined(separator: ", ")))"
                        ))
                }
            }
        }

        // A trail in a plan must be an organization trail over every region.
        for plan in input.plans {
            for trail in plan.resources where trail.type == "aws_cloudtrail" {
                let whole =
                    trail.values["is_multi_region_trail"]?.boolValue != false && trail.values["is_organization_trail"]?.boolValue != false
                if !whole {
                    evaluation.add(
                        Finding(
                            ruleID: "PL-AUD-001", message: "trail is not an organization trail over every region",
                            specPath: trailPath, specLocation: input.location(of: trailPath), stack: plan.stack, resource: trail.address,
                            location: StackText(rendered: input.rendered, root: input.stackRoot).location(
                                stack: plan.stack, resource: trail)))
                }
            }
        }
    }
}
