import PlinthSpec

/// The organization's audit baseline: the Object Lock log archive, the organization trail, AWS
/// Config in every account and region with the audit account's aggregator, and GuardDuty, Security
/// Hub and IAM Access Analyzer run organization-wide from the audit account.
extension AWSStacks {
    /// The account holding the audit log archive: the spec's central log account.
    var logArchiveAccount: Name { spec.observability.logPipeline.account }
    /// The member account the security services are delegated to (`organization.auditAccount`).
    var auditAccount: Name? { spec.organization.auditAccount }
    var managementAccount: Name { spec.organization.managementAccount.name }
    var trailName: String { "\(platformName)-organization" }

    func auditLogsID() -> String { "\(scope(of: logArchiveAccount))/\(spec.regions.primary.rawValue)/audit-logs" }
    func organizationTrailID() -> String { "\(scope(of: managementAccount))/cloudtrail" }
    func securityDelegationID() -> String { "\(scope(of: managementAccount))/security-delegation" }
    func securityServicesID(_ audit: Name) -> String { "\(scope(of: audit))/\(spec.regions.primary.rawValue)/security-services" }
    /// One stack per account holds its recorders of both regions; the management account's stacks have no region in their id.
    func configID(_ account: Name) -> String {
        account == managementAccount ? "\(scope(of: account))/config" : "\(scope(of: account))/\(spec.regions.primary.rawValue)/config"
    }

    /// Every baseline stack, or none when the spec has no audit account to run the services from.
    func auditBaseline() -> [StackPlan] {
        guard let audit = auditAccount else { return [] }
        return [auditLogs(), organizationTrail(), securityDelegation(audit), securityServices(audit)] + configRecorders(audit)
    }

    /// Audit logs are kept under Object Lock at least as long as the longest log retention the spec
    /// states, and never less than a year.
    var auditRetentionDays: Int { max(365, spec.observability.logRetentionDays.values.max() ?? 365) }

    func auditLogs() -> StackPlan {
        var plan = plan(
            auditLogsID(), account: logArchiveAccount, region: spec.regions.primary,
            purpose: "Object Lock bucket and KMS key receiving the organization trail and every account's AWS Config.")
        let organization = StackRenderer.organizationStack
        plan.data.append(.init(type: "aws_caller_identity", name: "current", body: .object([])))
        var inputs: [(String, JSONValue)] = [
            ("name", .string(platformName)),
            ("bucket_name", .string("\(platformName)-audit-logs-${data.aws_caller_identity.current.account_id}")),
            ("organization_id", plan.upstream(organization, "organization_id")),
            (
                "trail_arn",
                .string(
                    "arn:aws:cloudtrail:\(spec.regions.primary.rawValue):${\(plan.upstreamExpression(organization, "management_account_id"))}:trail/\(trailName)"
                )
            ),
            ("retention_days", .int(auditRetentionDays)),
            ("enable_lifecycle_rules", true),
            ("enforce_tls_policy", true),
        ]
        if isLocal { inputs.append(("force_destroy", true)) }
        plan.modules.append(.init(name: "audit_logs", module: "audit-log-archive", inputs: inputs))
        appendChangeLog(to: &plan)
        plan.export(
            "audit_logs",
            [
                ("bucket_name", "Audit log bucket, destination of the trail and the Config delivery channels."),
                ("kms_key_arn", "Key encrypting the trail's logs and Config snapshots."),
                ("config_key_prefix", "Key prefix of the Config delivery channels."),
            ])
        return plan
    }

    /// The change-management log (`pipelines.changeLog`) sits beside the audit logs in the log
    /// archive: its own bucket and key, written only by the pipelines' deploy roles.
    func appendChangeLog(to plan: inout StackPlan) {
        let log = spec.pipelines.changeLog
        guard log.account == logArchiveAccount else { return }
        let writers = deployRoleARNs(spec.pipelines.deployRoles.filter { $0.access == .deploy }, in: &plan)
        var inputs: [(String, JSONValue)] = [
            ("name", .string(platformName)),
            ("bucket_name", TerraformExpression.literal(log.bucket)),
            ("region", .string(spec.regions.primary.rawValue)),
            ("writer_role_arns", .array(writers)),
            ("retention_days", .int(log.retentionDays)),
            ("enable_lifecycle_rules", true),
            ("enforce_tls_policy", true),
            ("enforce_writer_policy", true),
        ]
        if isLocal { inputs.append(("force_destroy", true)) }
        plan.modules.append(.init(name: "change_log", module: "change-log-bucket", inputs: inputs))
        // Prefixed: the audit logs' outputs already use the module's names.
        for (name, description) in [
            ("bucket_name", "Change-log bucket, where plinth apply writes one record per applied stack."),
            ("key_prefix", "Key prefix of the change records."),
        ] {
            plan.outputs.append(
                .init(
                    name: "change_log_\(name)", value: TerraformExpression.reference("module.change_log.\(name)"), description: description)
            )
        }
    }

    /// The pipeline roles' ARNs, their accounts' ids read from the organization stack (the
    /// management account's too), for grants that name roles in other accounts.
    func deployRoleARNs(_ roles: [DeployRoleSpec], in plan: inout StackPlan) -> [JSONValue] {
        let organization = StackRenderer.organizationStack
        let accountIDs =
            "merge(\(plan.upstreamExpression(organization, "account_ids")), { \"\(managementAccount.rawValue)\" = \(plan.upstreamExpression(organization, "management_account_id")) })"
        return roles.map { role in .string("arn:aws:iam::${\(accountIDs)[\"\(role.account.rawValue)\"]}:role/\(deployRoleName(role))") }
    }

    func organizationTrail() -> StackPlan {
        var plan = plan(
            organizationTrailID(), account: managementAccount, region: spec.regions.primary,
            purpose:
                "Organization CloudTrail trail: every account and region, log file validation, to the log archive and CloudWatch Logs.")
        let logs = auditLogsID()
        plan.modules.append(
            .init(
                name: "trail", module: "organization-trail",
                inputs: [
                    ("name", .string(trailName)),
                    ("s3_bucket_name", plan.upstream(logs, "bucket_name")),
                    ("kms_key_arn", plan.upstream(logs, "kms_key_arn")),
                    ("log_retention_days", .int(Self.cloudWatchRetention(atLeast: auditRetentionDays))),
                ]))
        plan.export(
            "trail", [("trail_arn", "Organization trail ARN."), ("log_group_name", "CloudWatch Logs group holding the trail's events.")])
        return plan
    }

    /// The management account hands GuardDuty and Security Hub (per region) and Config and Access
    /// Analyzer (through Organizations, once) to the audit account.
    func securityDelegation(_ audit: Name) -> StackPlan {
        var plan = plan(
            securityDelegationID(), account: managementAccount, region: spec.regions.primary,
            purpose: "\(audit) as delegated administrator of GuardDuty, Security Hub, AWS Config and IAM Access Analyzer.")
        plan.aliases.append(.init(alias: "dr", account: managementAccount, region: spec.regions.disasterRecovery, access: plan.access))
        let auditID = JSONValue.string(
            "${\(plan.upstreamExpression(StackRenderer.organizationStack, "account_ids"))[\"\(audit.rawValue)\"]}")
        for region in regionCalls(base: "delegation") {
            var inputs: [(String, JSONValue)] = [
                ("admin_account_id", auditID), ("enable_guardduty", true), ("enable_security_hub", true),
            ]
            if region.provider == nil {
                inputs.append(("organization_service_principals", ["access-analyzer.amazonaws.com", "config.amazonaws.com"]))
            }
            plan.modules.append(.init(name: region.name, module: "security-delegated-admin", inputs: inputs, provider: region.provider))
        }
        if isLocal, emulatorLimits {
            plan.override(
                module: "delegation", input: "organization_service_principals", with: ["access-analyzer.amazonaws.com"],
                reason: "moto 5.2 registers delegated administrators for config-multiaccountsetup only, not config.amazonaws.com",
                resource: "module.delegation.organization_service_principals[config.amazonaws.com]")
        }
        return plan
    }

    /// GuardDuty, Security Hub and Access Analyzer for the organization in both regions, and the
    /// Config aggregator, all in the audit account.
    func securityServices(_ audit: Name) -> StackPlan {
        var plan = plan(
            securityServicesID(audit), account: audit, region: spec.regions.primary,
            purpose:
                "GuardDuty, Security Hub (CIS, AWS Foundational Security Best Practices) and Access Analyzer for the organization in every region; the Config aggregator."
        )
        plan.aliases.append(.init(alias: "dr", account: audit, region: spec.regions.disasterRecovery, access: plan.access))
        plan.orderedAfter.append(securityDelegationID())
        let organization = StackRenderer.organizationStack
        let members = JSONValue.string(
            "${{ for name, id in merge(\(plan.upstreamExpression(organization, "account_ids")), { \"\(managementAccount.rawValue)\" = \(plan.upstreamExpression(organization, "management_account_id")) }) : name => id if name != \"\(audit.rawValue)\" }}"
        )
        for region in regionCalls(base: "guardduty") {
            plan.modules.append(
                .init(
                    name: region.name, module: "guardduty-organization",
                    inputs: [("enable_protections", true), ("enable_organization_configuration", true)],
                    provider: region.provider))
        }
        for region in regionCalls(base: "security_hub") {
            plan.modules.append(
                .init(
                    name: region.name, module: "security-hub-organization",
                    inputs: [
                        ("member_account_ids", members), ("enable_security_hub", true),
                    ],
                    provider: region.provider))
        }
        for region in regionCalls(base: "access_analyzer") {
            plan.modules.append(
                .init(
                    name: region.name, module: "access-analyzer",
                    inputs: [("name", .string("\(platformName)-organization")), ("enable_analyzer", true)], provider: region.provider))
        }
        plan.modules.append(
            .init(name: "config_aggregator", module: "config-aggregator", inputs: [("name", .string("\(platformName)-organization"))]))
        plan.export("config_aggregator", [("aggregator_arn", "The organization's Config aggregator.")])
        plan.export("guardduty", [("detector_id", "GuardDuty detector of the administrator in the primary region.")])
        return plan
    }

    /// AWS Config in every account, both regions in one stack. The emulator serves every account as
    /// one, which holds one recorder per region, so the local target keeps only the audit account's.
    func configRecorders(_ audit: Name) -> [StackPlan] {
        let logs = auditLogsID()
        return spec.organization.allAccounts.map(\.name).compactMap { account in
            let id = configID(account)
            if isLocal, account != audit { return nil }
            var plan = plan(
                id, account: account, region: spec.regions.primary,
                purpose: "AWS Config recorder and delivery channel of \(account) in every region, to the log archive.")
            plan.aliases.append(.init(alias: "dr", account: account, region: spec.regions.disasterRecovery, access: plan.access))
            let shared: [(String, JSONValue)] = [
                ("s3_bucket_name", plan.upstream(logs, "bucket_name")),
                ("s3_key_prefix", plan.upstream(logs, "config_key_prefix")),
                ("kms_key_arn", plan.upstream(logs, "kms_key_arn")),
            ]
            plan.modules.append(
                .init(name: "config", module: "config-recorder", inputs: [("include_global_resource_types", true)] + shared))
            plan.modules.append(
                .init(
                    name: "config_dr", module: "config-recorder",
                    inputs: [
                        ("include_global_resource_types", false), ("create_service_linked_role", false),
                        ("role_arn", "${module.config.role_arn}"),
                    ] + shared,
                    provider: "aws.dr"))
            plan.export("config", [("recorder_name", "Configuration recorder of the primary region.")])
            return plan
        }
    }

    /// Stacks the local target leaves out, with the reason the run's summary gives.
    func auditBaselineLeftOutLocally() -> [DisabledResource] {
        guard isLocal, let audit = auditAccount else { return [] }
        return spec.organization.allAccounts.map(\.name).filter { $0 != audit }.map { account in
            DisabledResource(
                stack: configID(account), resource: "whole stack",
                reason:
                    "the emulator serves every account as one, which holds one Config recorder per region: \(configID(audit)) records for all"
            )
        }
    }

    /// A module called once per region: in the primary region through the stack's provider, in the
    /// DR region through `aws.dr`.
    func regionCalls(base: String) -> [(name: String, provider: String?)] {
        [(base, nil), ("\(base)_dr", "aws.dr")]
    }

    /// CloudWatch Logs accepts only some retention periods; the shortest one that keeps `days`.
    static func cloudWatchRetention(atLeast days: Int) -> Int {
        let periods = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
        return periods.first { $0 >= days } ?? 3653
    }
}
