import PlinthAddressing
import PlinthSpec

/// DNS, observability, workload and edge stacks: the ones that consume the network and secrets.
extension AWSStacks {
    func publicDNSID() -> String { "\(scope(of: spec.dns.publicZoneAccount))/\(spec.regions.primary.rawValue)/dns" }
    func environmentDNSID(_ environment: Name, _ region: Region) -> String { "env/\(environment.rawValue)/\(region.rawValue)/dns" }

    /// The `certificate_arn` input of a workload's HTTPS listener: the environment's load-balancer
    /// certificate in the region, read from its DNS stack; nil when the spec gives none there.
    func loadBalancerCertificate(_ plan: inout StackPlan, _ environment: Name, _ region: Region) -> (String, JSONValue)? {
        guard
            let certificate = spec.dns.certificates.first(where: {
                $0.environment == environment && $0.region == region && $0.usage == .loadBalancer
            })
        else { return nil }
        let arns = plan.upstreamExpression(environmentDNSID(environment, region), "certificate_arns")
        return ("certificate_arn", .string("${\(arns)[\"\(certificate.name.rawValue)\"]}"))
    }
    func observabilityID(_ environment: EnvironmentSpec) -> String {
        "env/\(environment.name.rawValue)/\(primaryRegion(environment).rawValue)/observability"
    }
    func workloadID(_ environment: EnvironmentSpec) -> String {
        "env/\(environment.name.rawValue)/\(primaryRegion(environment).rawValue)/workload"
    }

    /// Regions of an environment that get a DNS stack: where it has a spoke or a certificate.
    func dnsRegions(_ environment: EnvironmentSpec) -> [Region] {
        let regions = Set(
            (spokesByEnvironment[environment.name] ?? []).map(\.region)
                + spec.dns.certificates.filter { $0.environment == environment.name }.map(\.region))
        return regions.sorted()
    }

    /// The public zone, in the account that owns it. Query logging stays off: the shared account has no
    /// CMK whose policy lets CloudWatch Logs use it (see infrastructure/README.md).
    func publicDNS() -> StackPlan {
        var plan = plan(
            publicDNSID(), account: spec.dns.publicZoneAccount, region: spec.regions.primary,
            purpose: "Public hosted zone \(spec.dns.publicZone) with DNSSEC.")
        plan.modules.append(
            .init(
                name: "dns", module: "dns-certificates",
                inputs: [
                    ("name", .string("\(platformName)-public")),
                    ("create_public_zone", true),
                    ("public_zone_name", TerraformExpression.literal(spec.dns.publicZone)),
                    ("enable_query_logging", false),
                    ("enable_dnssec", true),
                ]))
        plan.export(
            "dns",
            [
                ("public_zone_id", "Public hosted zone ID."), ("public_zone_name_servers", "Name servers to delegate to."),
                ("dnssec_ds_record", "DS record for the registrar."),
            ])
        return plan
    }

    /// An environment's private zone (in its primary region, associated with all its spokes) and its
    /// certificates of one region, validated in the public zone.
    func environmentDNS() -> [StackPlan] {
        var plans: [StackPlan] = []
        for environment in spec.environments {
            for region in dnsRegions(environment) {
                var plan = plan(
                    environmentDNSID(environment.name, region), account: environment.account, region: region,
                    purpose: "Private zone and ACM certificates of \(environment.name) in \(region).")
                var inputs: [(String, JSONValue)] = [("name", .string("\(platformName)-\(environment.name.rawValue)-\(region.shortName)"))]
                if region == primaryRegion(environment) {
                    var spokes = spokesByEnvironment[environment.name] ?? []
                    if isLocal, emulatorLimits, spokes.count > 1 {
                        spokes = spokes.filter { $0.region == region } + spokes.filter { $0.region != region }
                        // moto 5.2 makes a zone private only when PrivateZone is sent, which the
                        // provider leaves to AWS to infer from the VPC, so it refuses a second VPC.
                        for spoke in spokes.dropFirst() {
                            plan.disabled.append(
                                (
                                    "module.dns.private_zones[*].vpcs[\(spoke.name.rawValue)]",
                                    "moto 5.2 creates the zone without its private flag and refuses to associate a second VPC"
                                ))
                        }
                        spokes = Array(spokes.prefix(1))
                    }
                    let zones: [JSONValue] = spec.dns.privateZones.filter { $0.environment == environment.name }.map { zone in
                        let vpcs: [JSONValue] = spokes.map { spoke in
                            ["vpc_id": plan.upstream(spokeID(spoke), "vpc_id"), "vpc_region": .string(spoke.region.rawValue)]
                        }
                        return [
                            "name": TerraformExpression.literal(zone.name),
                            "comment": TerraformExpression.literal("Private zone of \(environment.name)"), "vpcs": .array(vpcs),
                        ]
                    }
                    inputs.append(("private_zones", .array(zones)))
                }
                let certificates = spec.dns.certificates.filter { $0.environment == environment.name && $0.region == region }
                inputs.append(("public_zone_id", plan.upstream(publicDNSID(), "public_zone_id")))
                inputs.append(
                    (
                        "certificates",
                        .array(
                            certificates.map { certificate in
                                [
                                    "name": .string(certificate.name.rawValue), "domain": TerraformExpression.literal(certificate.domain),
                                    "alternative_names": TerraformExpression.literals(certificate.alternativeNames),
                                ]
                            })
                    ))
                if certificates.contains(where: { ([$0.domain] + $0.alternativeNames).contains { $0.hasPrefix("*.") } }) {
                    inputs.append(("allow_wildcard_names", true))
                }
                inputs.append(("enable_certificate_validation", true))
                plan.modules.append(.init(name: "dns", module: "dns-certificates", inputs: inputs))
                plan.export(
                    "dns",
                    [("private_zone_ids", "Private zone IDs by name."), ("certificate_arns", "ACM certificate ARNs by certificate name.")])
                plans.append(plan)
            }
        }
        return plans
    }

    /// Workload names: the services that own or read the environment's secrets (e.g. clinic-api).
    func workloads(_ environment: EnvironmentSpec) -> [String] {
        let secrets = spec.secrets.secrets.filter { $0.environment == environment.name }
        var names = Set(secrets.flatMap(\.readers))
        for secret in secrets {
            let parts = secret.name.split(separator: "/")
            if parts.count >= 3 { names.insert(String(parts[1])) }
        }
        return names.sorted()
    }

    func observability() -> [StackPlan] {
        let observability = spec.observability
        return spec.environments.map { environment in
            let env = environment.name.rawValue
            let region = primaryRegion(environment)
            var plan = plan(
                observabilityID(environment), account: environment.account, region: region,
                purpose: "Log groups to Firehose and OpenSearch, X-Ray sampling, SNS alert routes and alarms of \(env).")
            let spoke = spokesByEnvironment[environment.name]?.first { $0.region == region }
            let pipeline = observability.logPipeline
            var inputs: [(String, JSONValue)] = [
                ("name", .string("\(platformName)-\(env)")),
                ("environment", .string(env)),
                ("kms_key_arn", plan.upstream(secretsID(environment), "kms_key_arn")),
                ("log_groups", .array(workloads(environment).map { ["name": .string("/\(platformName)/\(env)/\($0)")] })),
                ("log_retention_days", .int(observability.logRetentionDays[env] ?? 365)),
                ("enable_log_pipeline", true),
                ("firehose_buffer_seconds", .int(pipeline.firehoseBufferSeconds)),
                ("log_backup_retention_days", .int(pipeline.openSearchRetentionDays)),
                ("enable_lifecycle_rules", true),
                ("enable_opensearch", .bool(spoke != nil)),
                ("opensearch_domain_name", .string("\(pipeline.openSearchDomain.rawValue)-\(env)".prefix(28).description)),
                ("opensearch_instance_type", TerraformExpression.literal(pipeline.openSearchInstanceType)),
                ("opensearch_instance_count", .int(pipeline.openSearchInstanceCount)),
                ("enable_prometheus", .bool(observability.prometheus.enabled && observability.prometheus.account == environment.account)),
                ("prometheus_workspace_alias", .string(observability.prometheus.workspace.rawValue)),
                ("enable_grafana", .bool(observability.grafana.enabled && observability.grafana.account == environment.account)),
                ("grafana_workspace_name", .string(observability.grafana.workspace.rawValue)),
                ("enable_xray_sampling_rules", true),
                ("tracing_sampling_rate", .double(observability.tracing.samplingRate[env] ?? 0.05)),
                ("tracing_reservoir_per_second", .int(observability.tracing.reservoirPerSecond)),
                (
                    "alert_routes",
                    .array(
                        observability.alertRoutes.map { ["name": .string($0.name.rawValue), "severity": .string($0.severity.rawValue)] })
                ),
                (
                    "alarms",
                    .array(
                        observability.alerts.filter { $0.environments.contains(environment.name) }.map { alert in
                            [
                                "name": .string(alert.name.rawValue), "namespace": TerraformExpression.literal(alert.namespace),
                                "metric": TerraformExpression.literal(alert.metric), "statistic": .string(alert.statistic.rawValue),
                                "threshold": .double(alert.threshold), "comparison": .string(alert.comparison.rawValue),
                                "period_seconds": .int(alert.periodSeconds), "evaluation_periods": .int(alert.evaluationPeriods),
                                "route": .string(alert.route.rawValue),
                                "runbook_url": TerraformExpression.literal(runbookURL(alert.runbook)),
                            ]
                        })
                ),
            ]
            if let spoke {
                // The domain's master role is assumable by whoever administers the account: the
                // Identity Center roles of the administrator permission sets assigned there.
                inputs.append(
                    ("opensearch_admin_role_patterns", .array(administratorRolePatterns(in: environment.account).map { .string($0) })))
                inputs.append(("opensearch_vpc_id", plan.upstream(spokeID(spoke), "vpc_id")))
                inputs.append(
                    (
                        "opensearch_subnet_ids",
                        .string(
                            "${slice(\(plan.upstreamExpression(spokeID(spoke), "subnet_ids"))[\"private\"], 0, \(min(3, spoke.vpc.availabilityZones.count)))}"
                        )
                    ))
            }
            plan.modules.append(.init(name: "observability", module: "observability", inputs: inputs))
            plan.export(
                "observability",
                [
                    ("alert_topic_arns", "SNS topic ARN per alert route."), ("log_group_names", "Log group names."),
                    ("alarm_arns", "Alarm ARNs by name."),
                ])
            return plan
        }
    }

    /// Role path/name patterns of the administrator permission sets (those with AdministratorAccess)
    /// assigned in an account. Identity Center names the role it provisions after the permission set
    /// with a suffix not known in advance, hence the wildcard.
    func administratorRolePatterns(in account: Name) -> [String] {
        let workforce = spec.identity.workforce
        let administrators = Set(
            workforce.permissionSets.filter { set in
                set.managedPolicies.contains { $0.hasSuffix(":policy/AdministratorAccess") }
            }.map(\.name))
        let assigned = Set(
            workforce.assignments.filter { administrators.contains($0.permissionSet) && $0.accounts.contains(account) }.map(\.permissionSet)
        )
        return assigned.sorted().map { "aws-reserved/sso.amazonaws.com/AWSReservedSSO_\($0)_*" }
    }

    /// Runbooks live in the docs repository; alarms link to them there.
    func runbookURL(_ path: String) -> String {
        "https://github.com/\(spec.pipelines.githubOrganization)/docs/blob/main/\(path)"
    }

    /// On the local target, the one environment per region whose workload keeps its database:
    /// the most production-like one.
    func localDatabaseHolder(in region: Region) -> EnvironmentSpec? {
        let here = spec.environments.filter { primaryRegion($0) == region }
        return here.first { $0.tier == .production } ?? here.first { $0.tier == .staging } ?? here.first
    }

    func workloadStacks() -> [StackPlan] {
        spec.environments.compactMap { environment in
            let region = primaryRegion(environment)
            guard let spoke = spokesByEnvironment[environment.name]?.first(where: { $0.region == region }) else { return nil }
            let env = environment.name.rawValue
            var plan = plan(
                workloadID(environment), account: environment.account, region: region,
                purpose: "ALB, IMDSv2 launch template, autoscaling group and PostgreSQL of \(env).")
            plan.aliases.append(
                .init(alias: "dr", account: environment.account, region: spec.regions.disasterRecovery, access: plan.access))
            let subnets = plan.upstreamExpression(spokeID(spoke), "subnet_ids")
            let compute = environment.compute, database = environment.database
            let intent = spec.network.securityGroupIntent
            let appPort = intent.first { $0.tier == .private }?.ports.first ?? 8080
            var appSources: [JSONValue] = []
            if intent.first(where: { $0.tier == .private })?.allowFrom.contains(.hub) == true,
                let hub = hubsByName[spoke.hub]
            {
                appSources.append(.string(hub.vpc.cidr.description))
            }
            let secrets = secretsID(environment)
            let readers = plan.upstreamExpression(secrets, "reader_policy_arns")
            plan.data.append(
                .init(
                    type: "aws_ssm_parameter", name: "ami",
                    body: ["name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"]))
            var inputs: [(String, JSONValue)] =
                [
                    ("name", .string("\(platformName)-\(env)")),
                    ("environment", .string(env)),
                    ("vpc_id", plan.upstream(spokeID(spoke), "vpc_id")),
                    ("public_subnet_ids", .string("${\(subnets)[\"public\"]}")),
                    ("private_subnet_ids", .string("${\(subnets)[\"private\"]}")),
                    ("isolated_subnet_ids", .string("${\(subnets)[\"isolated\"]}")),
                    ("enable_load_balancer", true),
                    ("alb_deletion_protection", .bool(environment.tier != .development)),
                    ("app_port", .int(appPort)),
                    ("app_ingress_cidr_blocks", .array(appSources)),
                    ("ami_id", "${nonsensitive(data.aws_ssm_parameter.ami.value)}"),
                    ("instance_type", TerraformExpression.literal(compute.instanceType)),
                    ("min_size", .int(compute.minSize)),
                    ("max_size", .int(compute.maxSize)),
                    ("desired_capacity", .int(compute.desiredCapacity)),
                    ("spot", .bool(compute.spot)),
                    ("kms_key_arn", plan.upstream(secrets, "kms_key_arn")),
                    ("instance_policy_arns", .string("${compact([for name in [\"clinic-api\"] : lookup(\(readers), name, \"\")])}")),
                ] + databaseSizing(database) + [
                    ("multi_az", .bool(database.multiAz)),
                    ("db_backup_retention_days", .int(database.backupRetentionDays)),
                    ("db_deletion_protection", .bool(database.deletionProtection)),
                    ("db_skip_final_snapshot", .bool(environment.tier == .development)),
                    ("enable_backup_replication", .bool(environment.disasterRecovery?.databaseReplication == .crossRegionBackups)),
                    ("enable_instance_refresh", true),
                ]

            if let certificate = loadBalancerCertificate(&plan, environment.name, region) { inputs.append(certificate) }
            if intent.first(where: { $0.tier == .public })?.allowFrom.contains(.cloudfront) == true, !isLocal {
                plan.data.append(
                    .init(
                        type: "aws_ec2_managed_prefix_list", name: "cloudfront",
                        body: ["name": "com.amazonaws.global.cloudfront.origin-facing"]))
                inputs.append(("alb_ingress_prefix_list_ids", ["${data.aws_ec2_managed_prefix_list.cloudfront.id}"]))
            }
            plan.modules.append(.init(name: "workload", module: "workload-baseline", inputs: inputs, usesDR: true))
            if isLocal, emulatorLimits {
                if localDatabaseHolder(in: region)?.name != environment.name {
                    plan.override(
                        module: "workload", input: "enable_database", with: false,
                        reason:
                            "moto 5.2 gives every RDS instance the same resource ID, which the provider reads instances by, so one instance per region is all it can tell apart"
                    )
                } else {
                    if database.deletionProtection {
                        plan.override(
                            module: "workload", input: "db_deletion_protection", with: false,
                            reason: "the local platform is disposable: `plinth down` must be able to delete the database")
                    }
                    plan.override(
                        module: "workload", input: "db_ca_cert_identifier", with: .null,
                        reason:
                            "moto 5.2 keeps no RDS certificate authority, so naming one costs a modify-and-wait after every create; the instance keeps the default"
                    )
                }
            }
            plan.export(
                "workload",
                [
                    ("alb_dns_name", "Load balancer DNS name."), ("alb_zone_id", "Load balancer hosted zone ID."),
                    ("autoscaling_group_name", "Autoscaling group name."), ("db_endpoint", "Database endpoint."),
                    ("db_master_secret_arn", "RDS-managed master secret ARN."),
                    ("db_security_group_id", "The database's security group."),
                ])
            return plan
        }
    }

    func edgeStacks() -> [StackPlan] {
        guard spec.network.edge.cloudFront else { return [] }
        return spec.environments.compactMap { environment in
            guard let certificate = spec.dns.certificates.first(where: { $0.environment == environment.name && $0.usage == .cloudFront }),
                let origin = spec.dns.certificates.first(where: {
                    $0.environment == environment.name && $0.usage == .loadBalancer && $0.region == primaryRegion(environment)
                })
            else { return nil }
            let env = environment.name.rawValue
            var plan = plan(
                "env/\(env)/global/edge", account: environment.account, region: certificate.region,
                purpose: "CloudFront distribution of \(env) with its ACM certificate and WAF.")
            plan.modules.append(
                .init(
                    name: "edge", module: "edge",
                    inputs: [
                        ("name", .string("\(platformName)-\(env)")),
                        (
                            "aliases",
                            TerraformExpression.literals([certificate.domain] + certificate.alternativeNames.filter { !$0.hasPrefix("*.") })
                        ),
                        (
                            "acm_certificate_arn",
                            .string(
                                "${\(plan.upstreamExpression(environmentDNSID(environment.name, certificate.region), "certificate_arns"))[\"\(certificate.name.rawValue)\"]}"
                            )
                        ),
                        ("minimum_protocol_version", TerraformExpression.literal(spec.network.edge.minimumTLS)),
                        ("price_class", .string(spec.network.edge.priceClass.rawValue)),
                        ("origin_domain_name", TerraformExpression.literal(origin.domain)),
                        ("enable_waf", .bool(spec.network.edge.webACL)),
                        ("enable_security_headers", true),
                        ("enable_lifecycle_rules", true),
                    ]))
            plan.orderedAfter.append(workloadID(environment))
            plan.export(
                "edge", [("distribution_id", "CloudFront distribution ID."), ("distribution_domain_name", "Distribution domain name.")])
            return plan
        }
    }
    /// The database's engine and size, as the workload module takes them; a preview passes them
    /// too, since the module's database inputs stay required when it creates no instance.
    func databaseSizing(_ database: DatabaseSpec) -> [(String, JSONValue)] {
        [
            ("db_engine_version", TerraformExpression.literal(database.engineVersion)),
            ("db_instance_class", TerraformExpression.literal(database.instanceClass)),
            ("db_allocated_storage_gb", .int(database.allocatedStorageGb)),
            ("db_max_allocated_storage_gb", .int(database.maxAllocatedStorageGb)),
        ]
    }
}
