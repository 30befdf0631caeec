import PlinthAddressing
import PlinthSpec

/// The AWS root stacks of a spec, as plans. Each function builds the stacks of one concern; module
/// inputs are computed from the spec here and nowhere else.
struct AWSStacks {
    var spec: PlatformSpec
    var target: RenderTarget
    /// Whether the local target switches off what the emulator cannot serve.
    var emulatorLimits = true
    /// Lookups built once, so rendering stays linear in the size of the spec.
    let spokeIDs: [Name: String]
    let spokesByEnvironment: [Name: [SpokeSpec]]
    let environmentByAccount: [Name: EnvironmentSpec]
    let deployRoleByAccount: [Name: DeployRoleSpec]
    let hubsByName: [Name: HubSpec]
    let environmentsByName: [Name: EnvironmentSpec]

    init(spec: PlatformSpec, target: RenderTarget) {
        self.spec = spec
        self.target = target
        var byEnvironment: [Name: [SpokeSpec]] = [:]
        var siblings: [String: Int] = [:]
        for spoke in spec.network.spokes {
            byEnvironment[spoke.environment, default: []].append(spoke)
            siblings["\(spoke.environment)/\(spoke.region)", default: 0] += 1
        }
        var ids: [Name: String] = [:]
        for spoke in spec.network.spokes {
            // `network` when the spoke is its environment's only one in the region, else `network-<spoke>`.
            let leaf = siblings["\(spoke.environment)/\(spoke.region)"] == 1 ? "network" : "network-\(spoke.name.rawValue)"
            ids[spoke.name] = "env/\(spoke.environment.rawValue)/\(spoke.region.rawValue)/\(leaf)"
        }
        spokeIDs = ids
        spokesByEnvironment = byEnvironment
        var environments: [Name: EnvironmentSpec] = [:]
        for environment in spec.environments where environments[environment.account] == nil {
            environments[environment.account] = environment
        }
        environmentByAccount = environments
        var roles: [Name: DeployRoleSpec] = [:]
        for role in spec.pipelines.deployRoles where role.access == .deploy && roles[role.account] == nil { roles[role.account] = role }
        deployRoleByAccount = roles
        var hubs: [Name: HubSpec] = [:]
        for hub in spec.network.hubs where hubs[hub.name] == nil { hubs[hub.name] = hub }
        hubsByName = hubs
        environmentsByName = Dictionary(spec.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var isLocal: Bool { target.localEndpoint != nil }
    var platformName: String { spec.platform.name.rawValue }

    func plans() -> [StackPlan] {
        var plans: [StackPlan] = []
        plans.append(stateBackend())
        plans.append(organization())
        plans.append(identityCenter())
        plans += ciOIDC()
        plans += hubs()
        plans += connectivity()
        plans += spokes()
        plans += environmentSecrets()
        plans.append(publicDNS())
        plans += environmentDNS()
        plans += observability()
        plans += workloadStacks()
        plans += lambdaArtifactsStacks()
        plans += secretRotationStacks()
        plans += edgeStacks()
        plans += auditBaseline()
        plans += ciInfrastructure()
        plans += previewLeases()
        // Nothing assumes a deploy role on the local target, so no stack waits for the one creating it.
        return (isLocal ? plans : plans.map(followDeployRoles)).map(applyLocalLimits)
    }

    // MARK: Placement

    /// Directory scope of an account: `env/<env>` for an environment's account, `org` for the
    /// management account, otherwise the account name (`shared-services`, `log-archive`).
    func scope(of account: Name) -> String {
        if account == spec.organization.managementAccount.name { return "org" }
        if let environment = environmentByAccount[account] { return "env/\(environment.name.rawValue)" }
        return account.rawValue
    }

    func environmentOf(account: Name) -> Name? {
        environmentByAccount[account]?.name
    }

    /// The role stacks assume in an account: its deploy role from `pipelines.deployRoles`, or the
    /// role AWS Organizations creates in every member account when the account has none.
    func access(for account: Name) -> StackPlan.Access {
        if account == spec.organization.managementAccount.name { return .ambient }
        if let role = deployRoleByAccount[account] { return .deployRole(role.roleName) }
        return .role(Self.organizationAccessRole)
    }

    /// The role AWS Organizations creates in every account it creates; trusted by the management account.
    static let organizationAccessRole = "OrganizationAccountAccessRole"

    func plan(_ id: String, account: Name, region: Region, purpose: String) -> StackPlan {
        var plan = StackPlan(id: id, account: account, region: region, environment: environmentOf(account: account), purpose: purpose)
        plan.access = access(for: account)
        return plan
    }

    func stateBackendID() -> String { "\(scope(of: spec.terraformState.account))/\(spec.terraformState.region.rawValue)/state-backend" }
    func hubID(_ hub: HubSpec) -> String { "\(scope(of: hub.account))/\(hub.region.rawValue)/network-hub" }
    func spokeID(_ spoke: SpokeSpec) -> String {
        spokeIDs[spoke.name] ?? "env/\(spoke.environment.rawValue)/\(spoke.region.rawValue)/network"
    }
    func secretsID(_ environment: EnvironmentSpec) -> String {
        "env/\(environment.name.rawValue)/\(primaryRegion(environment).rawValue)/secrets"
    }
    func primaryRegion(_ environment: EnvironmentSpec) -> Region { environment.regions.first ?? spec.regions.primary }

    // MARK: Stacks

    func stateBackend() -> StackPlan {
        let state = spec.terraformState
        var plan = plan(
            stateBackendID(), account: state.account, region: state.region,
            purpose: "S3 bucket and DynamoDB lock table holding every stack's state.")
        plan.environment = nil
        plan.bootstrap = true
        // Applied before any deploy role exists: run with the state account's administrator credentials.
        plan.access = .ambient
        var inputs: [(String, JSONValue)] = [
            ("name", .string("\(platformName)-tfstate")),
            ("bucket_name", TerraformExpression.literal(state.bucket)),
            ("lock_table_name", TerraformExpression.literal(state.lockTable)),
            ("enforce_tls_policy", true),
            ("enable_lifecycle_rules", true),
        ]
        if isLocal { inputs.append(("force_destroy", true)) }
        plan.modules.append(.init(name: "state_backend", module: "state-backend", inputs: inputs))
        plan.export(
            "state_backend",
            [
                ("bucket_name", "State bucket name."), ("bucket_arn", "State bucket ARN, for deploy-role policies."),
                ("lock_table_name", "Lock table name."), ("lock_table_arn", "Lock table ARN, for deploy-role policies."),
                ("kms_key_arn", "CMK encrypting state."),
            ])
        return plan
    }

    func organization() -> StackPlan {
        let organization = spec.organization
        var plan = plan(
            StackRenderer.organizationStack, account: organization.managementAccount.name, region: spec.regions.primary,
            purpose: "Organizational units, member accounts and service control policies.")
        plan.orderedAfter = [stateBackendID()]
        let ous: [JSONValue] = organization.organizationalUnits.map { ou in
            ["name": TerraformExpression.literal(ou.name), "parent": ou.parent.map(TerraformExpression.literal) ?? .null]
        }
        let accounts: [JSONValue] = organization.accounts.map { account in
            [
                "name": .string(account.name.rawValue), "email": TerraformExpression.literal(account.email),
                "organizational_unit": TerraformExpression.literal(account.organizationalUnit ?? ""),
            ]
        }
        let policies: [JSONValue] = organization.serviceControlPolicies.map { policy in
            var pairs: [(String, JSONValue)] = [
                ("name", .string(policy.name.rawValue)), ("kind", .string(policy.kind.rawValue)),
                ("description", TerraformExpression.literal(policy.description)),
                ("attach_to", TerraformExpression.literals(policy.attachTo)),
                ("exempt_actions", TerraformExpression.literals(policy.exemptActions)),
            ]
            pairs.append(
                ("allowed_regions", policy.kind == .denyRegionsOutsideAllowed ? .array(spec.regions.all.map { .string($0.rawValue) }) : []))
            return .object(pairs)
        }
        plan.modules.append(
            .init(
                name: "organization", module: "organization",
                inputs: [
                    ("name", .string(platformName)),
                    ("organizational_units", .array(ous)),
                    ("accounts", .array(accounts)),
                    ("service_control_policies", .array(policies)),
                ]))
        plan.export(
            "organization",
            [
                ("organization_id", "Organization ID."), ("organization_arn", "Organization ARN, the RAM share principal."),
                ("root_id", "Root ID."), ("management_account_id", "Management account ID."),
                ("organizational_unit_ids", "OU IDs by name."),
                ("account_ids", "Member account IDs by name; deploy-role ARNs are built from these."),
                ("policy_ids", "SCP IDs by name."),
            ])
        return plan
    }

    /// Permission sets and the Okta groups' assignments, in the management account. Assignments
    /// follow SCIM: the groups only exist in Identity Center once provisioning is unblocked.
    func identityCenter() -> StackPlan {
        let workforce = spec.identity.workforce
        var plan = plan(
            "org/identity-center", account: spec.organization.managementAccount.name, region: spec.regions.primary,
            purpose: "IAM Identity Center permission sets and Okta group assignments.")
        let organization = StackRenderer.organizationStack
        let accountIDs =
            "${merge(\(plan.upstreamExpression(organization, "account_ids")), { \"\(spec.organization.managementAccount.name.rawValue)\" = \(plan.upstreamExpression(organization, "management_account_id")) })}"
        plan.modules.append(
            .init(
                name: "identity_center", module: "identity-center",
                inputs: [
                    ("name", .string(platformName)),
                    ("enable_permission_sets", true),
                    ("enable_assignments", .bool(workforce.scimProvisioning.enabled)),
                    (
                        "permission_sets",
                        .array(
                            workforce.permissionSets.map { set in
                                [
                                    "name": TerraformExpression.literal(set.name),
                                    "description": TerraformExpression.literal(set.description),
                                    "session_hours": .int(set.sessionHours),
                                    "managed_policies": TerraformExpression.literals(set.managedPolicies),
                                ]
                            })
                    ),
                    ("account_ids", .string(accountIDs)),
                    (
                        "assignments",
                        .array(
                            workforce.assignments.map { assignment in
                                [
                                    "group": TerraformExpression.literal(assignment.group),
                                    "permission_set": TerraformExpression.literal(assignment.permissionSet),
                                    "accounts": .array(assignment.accounts.map { .string($0.rawValue) }),
                                ]
                            })
                    ),
                ]))
        return plan
    }

    /// The GitHub OIDC provider and deploy roles of each account named in `pipelines.deployRoles`.
    /// These create the roles every other stack assumes, so they assume the Organizations access
    /// role instead, with the management account's credentials.
    func ciOIDC() -> [StackPlan] {
        let accounts = Set(spec.pipelines.deployRoles.map(\.account)).sorted()
        // The emulator serves every account as one: the first stack creates the one OIDC provider
        // the others trust, and role names carry their account so they do not collide.
        let localProviderOwner = accounts.first.map { "\(scope(of: $0))/global/ci-oidc" }
        return accounts.map { account in
            var plan = plan(
                "\(scope(of: account))/global/ci-oidc", account: account, region: spec.regions.primary,
                purpose: "GitHub Actions OIDC provider and deploy roles of \(account).")
            plan.access = account == spec.organization.managementAccount.name ? .ambient : .role(Self.organizationAccessRole)
            let roles: [JSONValue] = spec.pipelines.deployRoles.filter { $0.account == account }.map { role in
                ciOIDCRole(role, in: &plan)
            }
            var inputs: [(String, JSONValue)] = [
                ("name", .string("\(platformName)-\(account.rawValue)")),
                ("github_organization", TerraformExpression.literal(spec.pipelines.githubOrganization)),
                ("deploy_roles", .array(roles)),
            ]
            if isLocal, let owner = localProviderOwner, owner != plan.id {
                inputs.append(("create_oidc_provider", false))
                inputs.append(("oidc_provider_arn", plan.upstream(owner, "oidc_provider_arn")))
                plan.disabled.append(
                    (
                        resource: "module.ci_oidc.create_oidc_provider",
                        reason: "the emulator serves one account: the OIDC provider of \(owner) is trusted instead"
                    ))
            } else {
                inputs.append(("create_oidc_provider", true))
            }
            plan.modules.append(.init(name: "ci_oidc", module: "ci-oidc", inputs: inputs))
            plan.export("ci_oidc", [("oidc_provider_arn", "GitHub OIDC provider ARN."), ("role_arns", "Deploy role ARNs by role name.")])
            return plan
        }
    }

    /// One role of the ci-oidc module: its trust, and the policy its access calls for.
    func ciOIDCRole(_ role: DeployRoleSpec, in plan: inout StackPlan) -> JSONValue {
        var body: [(String, JSONValue)] = [
            ("role_name", TerraformExpression.literal(deployRoleName(role))),
            ("repository", .string(role.repository.rawValue)),
            ("branches", TerraformExpression.literals(role.branches)),
            ("environments", .array(role.environments.map { .string($0.rawValue) })),
            ("access", .string(role.access.rawValue)),
        ]
        switch role.access {
        case .deploy:
            // Terraform applies every kind of resource in the account; trust is what is narrow.
            body.append(("policy_arns", ["arn:aws:iam::aws:policy/AdministratorAccess"]))
        case .publish:
            let images = spec.pipelines.containerRepositories.filter { $0.sourceRepository == role.repository }
            body.append(("ecr_repositories", .array(images.map { .string($0.name.rawValue) })))
            let artifacts = publishedArtifactObjects(role)
            if !artifacts.isEmpty { body.append(("artifact_objects", .array(artifacts.map { .string($0) }))) }
        case .plan:
            if role.pullRequests { body.append(("pull_request", true)) }
            let backend = stateBackendID()
            body.append(
                (
                    "state",
                    .object([
                        ("bucket_arn", plan.upstream(backend, "bucket_arn")),
                        ("key_prefix", TerraformExpression.literal(spec.terraformState.keyPrefix)),
                        ("lock_table_arn", plan.upstream(backend, "lock_table_arn")),
                        ("kms_key_arn", plan.upstream(backend, "kms_key_arn")),
                    ])
                ))
        }
        return .object(body)
    }

    func hubs() -> [StackPlan] {
        spec.network.hubs.map { hub in
            var plan = plan(
                hubID(hub), account: hub.account, region: hub.region,
                purpose: "Transit Gateway hub \(hub.name): route tables, RAM share, central egress VPC, DR peering.")
            plan.aliases.append(.init(alias: "dr", account: hub.account, region: spec.regions.disasterRecovery, access: plan.access))
            let routeTables = hub.transitGateway.routeTables.map(\.rawValue)
            let hubTable = routeTables.contains("shared") ? "shared" : (routeTables.first ?? "shared")
            var inputs: [(String, JSONValue)] =
                [
                    ("name", .string(hub.name.rawValue)),
                    ("amazon_side_asn", .int(hub.transitGateway.amazonSideAsn)),
                    ("route_tables", .array(routeTables.map(JSONValue.string))),
                    ("hub_route_table", .string(hubTable)),
                    ("enable_ram_share", true),
                    ("ram_principals", .array([plan.upstream(StackRenderer.organizationStack, "organization_arn")])),
                    ("central_egress", .bool(hub.centralEgress)),
                    ("spoke_cidrs", .array(spec.network.addressPlan.supernets.map { .string($0.cidr.description) })),
                    ("interface_endpoints", TerraformExpression.literals(spec.network.interfaceEndpoints)),
                ] + layoutInputs(hub.vpc)
            if let peerName = hub.transitGateway.peerWith, let peer = spec.network.hubs.first(where: { $0.name == peerName }) {
                let peerTables = Set(peer.transitGateway.routeTables.map(\.rawValue))
                let peerHubTable = peerTables.contains("shared") ? "shared" : (peer.transitGateway.routeTables.first?.rawValue ?? "shared")
                let peerState = hubID(peer)
                inputs.append(("enable_peering", true))
                inputs.append(
                    (
                        "peering",
                        .object([
                            ("peer_transit_gateway_id", plan.upstream(peerState, "transit_gateway_id")),
                            ("peer_region", .string(peer.region.rawValue)),
                            ("peer_cidrs", .array(supernets(in: peer.region))),
                            ("route_tables", .array(routeTables.filter { peerTables.contains($0) }.map(JSONValue.string))),
                            ("local_cidrs", .array(supernets(in: hub.region))),
                            (
                                "peer_route_table_id",
                                .string("${\(plan.upstreamExpression(peerState, "route_table_ids"))[\"\(peerHubTable)\"]}")
                            ),
                        ])
                    ))
            }
            if isLocal {
                // Emulator quirks (see the module's README), not resources switched off.
                inputs.append(("transit_gateway_default_route_table_association", true))
                inputs.append(("hub_propagation_route_tables", [.string(hubTable)]))
            }
            plan.modules.append(.init(name: "hub", module: "network-hub", inputs: inputs, usesDR: true))
            plan.export(
                "hub",
                [
                    ("transit_gateway_id", "Transit Gateway ID."), ("transit_gateway_arn", "Transit Gateway ARN."),
                    ("route_table_ids", "TGW route table IDs by name."), ("vpc_id", "Hub VPC ID."),
                    ("subnet_ids", "Hub subnet IDs by tier."),
                    ("hub_attachment_id", "Hub VPC attachment ID."), ("ram_share_arn", "RAM share ARN."),
                ])
            return plan
        }
    }

    /// Site-to-Site VPN and Direct Connect on the primary region's hub; both stay off until the
    /// corporate-connectivity blocker clears, but the stack exists so turning them on is a spec change.
    func connectivity() -> [StackPlan] {
        guard let hub = spec.network.hubs.first(where: { $0.region == spec.regions.primary }) else { return [] }
        let network = spec.network
        var plan = plan(
            "\(scope(of: hub.account))/\(hub.region.rawValue)/connectivity", account: hub.account, region: hub.region,
            purpose:
                "Site-to-Site VPN and Direct Connect gateway on \(hub.name)'s Transit Gateway (off until corporate-connectivity clears).")
        let hubState = hubID(hub)
        let tables = plan.upstreamExpression(hubState, "route_table_ids")
        let hubTables = hub.transitGateway.routeTables.map(\.rawValue)
        let association = JSONValue.string("${\(tables)[\"\(hubTables.contains("shared") ? "shared" : (hubTables.first ?? "shared"))\"]}")
        let corporate = network.addressPlan.reserved.filter { network.vpn.corporateRanges.contains($0.name) }.map {
            JSONValue.string($0.cidr.description)
        }
        plan.modules.append(
            .init(
                name: "connectivity", module: "connectivity",
                inputs: [
                    ("name", .string("\(platformName)-\(hub.name.rawValue)")),
                    ("transit_gateway_id", plan.upstream(hubState, "transit_gateway_id")),
                    (
                        "vpn",
                        .object([
                            ("enabled", .bool(network.vpn.enabled)),
                            ("customer_gateway_ip", TerraformExpression.literal(network.vpn.customerGatewayIP)),
                            ("customer_gateway_asn", .int(network.vpn.customerGatewayAsn)),
                            ("corporate_cidrs", .array(corporate)),
                            ("association_route_table_id", association),
                            ("route_table_ids", .string("${\(tables)}")),
                        ])
                    ),
                    (
                        "direct_connect",
                        .object([
                            ("enabled", .bool(network.directConnect.enabled)),
                            ("amazon_side_asn", .int(network.directConnect.amazonSideAsn)),
                            ("allowed_prefixes", .array(network.addressPlan.supernets.map { .string($0.cidr.description) })),
                            ("association_route_table_id", association),
                            ("route_table_ids", .string("${\(tables)}")),
                        ])
                    ),
                ]))
        if !network.vpn.enabled || !network.directConnect.enabled {
            plan.purpose += " VPN \(network.vpn.enabled ? "on" : "off"), Direct Connect \(network.directConnect.enabled ? "on" : "off")."
        }
        plan.export(
            "connectivity",
            [
                ("vpn_connection_id", "VPN connection ID (null while off)."),
                ("dx_gateway_id", "Direct Connect gateway ID (null while off)."),
            ])
        return [plan]
    }

    func supernets(in region: Region) -> [JSONValue] {
        spec.network.addressPlan.supernets.filter { $0.region == region }.map { .string($0.cidr.description) }
    }

    func layoutInputs(_ layout: VPCLayout) -> [(String, JSONValue)] {
        [
            ("vpc_cidr", .string(layout.cidr.description)),
            ("availability_zones", .array(layout.availabilityZones.map { .string($0.rawValue) })),
            ("public_subnet_cidrs", .array(layout.subnets.public.map { .string($0.description) })),
            ("private_subnet_cidrs", .array(layout.subnets.private.map { .string($0.description) })),
            ("isolated_subnet_cidrs", .array(layout.subnets.isolated.map { .string($0.description) })),
        ]
    }

    /// The network-wide interface endpoints, then the spoke's own, once each.
    func interfaceEndpoints(of spoke: SpokeSpec) -> [String] {
        spec.network.interfaceEndpoints + spoke.interfaceEndpoints.filter { !spec.network.interfaceEndpoints.contains($0) }
    }

    func spokes() -> [StackPlan] {
        spec.network.spokes.compactMap { spoke in
            guard let environment = environmentsByName[spoke.environment], let hub = hubsByName[spoke.hub] else { return nil }
            var plan = plan(
                spokeID(spoke), account: environment.account, region: spoke.region,
                purpose: "Spoke VPC \(spoke.name): three tiers per AZ, NACLs, flow logs, endpoints, TGW attachment.")
            let hubState = hubID(hub)
            plan.aliases.append(.init(alias: "hub", account: hub.account, region: hub.region, access: access(for: hub.account)))
            plan.modules.append(
                .init(
                    name: "spoke", module: "spoke-vpc",
                    inputs: [
                        ("name", .string(spoke.name.rawValue)),
                        ("egress", "transit-gateway"),
                        ("interface_endpoints", TerraformExpression.literals(interfaceEndpoints(of: spoke))),
                        ("enable_transit_gateway_attachment", true),
                        ("transit_gateway_id", plan.upstream(hubState, "transit_gateway_id")),
                        ("manage_transit_gateway_routing", false),
                    ] + layoutInputs(spoke.vpc) + (isLocal ? [("transit_gateway_default_route_table_association", true)] : [])))
            // Only the Transit Gateway's owner may associate and propagate, so these run as the hub account.
            let routeTables = plan.upstreamExpression(hubState, "route_table_ids")
            let hubTables = hub.transitGateway.routeTables.map(\.rawValue)
            let hubTable = hubTables.contains("shared") ? "shared" : (hubTables.first ?? "shared")
            plan.resources.append(
                .init(
                    type: "aws_ec2_transit_gateway_route_table_association", name: "spoke",
                    body: [
                        "provider": "aws.hub",
                        "transit_gateway_attachment_id": "${module.spoke.transit_gateway_attachment_id}",
                        "transit_gateway_route_table_id": .string("${\(routeTables)[\"\(spoke.routeTable.rawValue)\"]}"),
                    ]))
            plan.resources.append(
                .init(
                    type: "aws_ec2_transit_gateway_route_table_propagation", name: "to_hub",
                    body: [
                        "provider": "aws.hub",
                        "transit_gateway_attachment_id": "${module.spoke.transit_gateway_attachment_id}",
                        "transit_gateway_route_table_id": .string("${\(routeTables)[\"\(hubTable)\"]}"),
                    ]))
            plan.export(
                "spoke",
                [
                    ("vpc_id", "VPC ID."), ("vpc_cidr", "VPC CIDR."), ("subnet_ids", "Subnet IDs by tier."),
                    ("subnet_cidrs", "Subnet CIDRs by tier."), ("transit_gateway_attachment_id", "TGW attachment ID."),
                    ("endpoint_security_group_id", "Security group of the interface endpoints."),
                ])
            return plan
        }
    }

    func environmentSecrets() -> [StackPlan] {
        spec.environments.compactMap { environment in
            guard let key = spec.secrets.kmsKeys.first(where: { $0.environment == environment.name }) else { return nil }
            let region = primaryRegion(environment)
            var plan = plan(
                secretsID(environment), account: environment.account, region: region,
                purpose: "KMS key, Secrets Manager secrets, Parameter Store, key-set buckets and reader policies of \(environment.name).")
            let secrets = spec.secrets.secrets.filter { $0.environment == environment.name }
            let secretValues: [JSONValue] = secrets.map { secret in
                var rotation: [(String, JSONValue)] = [
                    ("kind", .string(secret.rotation.kind.rawValue)), ("schedule_days", .int(secret.rotation.scheduleDays)),
                ]
                if let function = secret.rotation.function { rotation.append(("function", .string(function.rawValue))) }
                return [
                    "name": TerraformExpression.literal(secret.name), "description": TerraformExpression.literal(secret.description),
                    "owner": TerraformExpression.literal(secret.owner), "rotation": .object(rotation),
                    "readers": TerraformExpression.literals(secret.readers),
                ]
            }
            let parameters: [JSONValue] = spec.secrets.parameters.filter { $0.environment == environment.name }.map { parameter in
                [
                    "name": TerraformExpression.literal(parameter.name), "type": .string(parameter.type.rawValue),
                    "description": TerraformExpression.literal(parameter.description),
                ]
            }
            var inputs: [(String, JSONValue)] = [
                ("name", .string("\(platformName)-\(environment.name.rawValue)")),
                ("environment", .string(environment.name.rawValue)),
                ("kms_key_alias", TerraformExpression.literal(key.alias)),
                ("kms_key_rotation_days", .int(key.rotationDays)),
                ("secrets", .array(secretValues)),
                ("parameters", .array(parameters)),
                // Their rotation schedules are attached by the secret-rotation stack, after its function.
            ]
            // Where signing-key rotations publish the public halves: the buckets are made here, with the
            // environment key, and the signers (the secret's readers) may read the key set to verify.
            let publications: [JSONValue] = secrets.compactMap { secret in
                guard let url = secret.rotation.signingKey?.jwks, let (bucket, key) = Self.s3Location(url) else { return nil }
                return ["bucket": .string(bucket), "key": .string(key), "readers": TerraformExpression.literals(secret.readers)]
            }
            if !publications.isEmpty {
                inputs.append(("jwks_publications", .array(publications)))
                inputs.append(("enforce_jwks_tls_policy", true))
                inputs.append(("enable_jwks_lifecycle_rules", true))
                if isLocal { inputs.append(("force_destroy_jwks_buckets", true)) }
            }
            if isLocal { inputs.append(("secret_recovery_window_days", 0)) }
            plan.modules.append(.init(name: "secrets", module: "secrets", inputs: inputs))
            if isLocal, emulatorLimits, key.rotationDays != 365 {
                // moto 5.2 keeps no rotation period but KMS's default, so any other shows as a change on every run.
                plan.override(
                    module: "secrets", input: "kms_key_rotation_days", with: 365,
                    reason:
                        "moto 5.2 keeps no key rotation period but the default, so \(key.rotationDays) days would show as a change on every run; 365 is used"
                )
            }
            plan.export(
                "secrets",
                [
                    ("kms_key_arn", "Environment KMS key ARN."), ("secret_arns", "Secret ARNs by name."),
                    ("parameter_arns", "Parameter ARNs by name."), ("reader_policy_arns", "Reader policy ARN per workload."),
                ])
            return plan
        }
    }

    /// The IAM name of a deploy role; on the emulator, which serves every account as one, it carries
    /// its account so that the roles of different accounts do not collide.
    func deployRoleName(_ role: DeployRoleSpec) -> String { role.iamName(onEmulator: isLocal) }

    /// A stack that assumes an account's deploy role comes after the stack that creates that role.
    func followDeployRoles(_ plan: StackPlan) -> StackPlan {
        var plan = plan
        let accounts = [(plan.account, plan.access)] + plan.aliases.map { ($0.account, $0.access) }
        for case (let account?, .deployRole) in accounts {
            let creator = "\(scope(of: account))/global/ci-oidc"
            if creator != plan.id, !plan.orderedAfter.contains(creator) { plan.orderedAfter.append(creator) }
        }
        return plan
    }

    // MARK: Local target

    /// Several modules keep a bucket with lifecycle rules; each costs the same wait.
    static let lifecycleWait =
        "the provider polls a new bucket lifecycle configuration until it reads back the same several times in a row, about a minute per bucket"

    /// moto 5.2 reads a bucket policy's TLS-only deny as deny-all.
    static let tlsDenyLockout = "moto 5.2 ignores policy conditions and reads the TLS-only deny as deny-all, locking the bucket out"

    /// Switches the local emulator cannot serve (or serves too slowly), by module: input and reason.
    static let localLimits: [String: [(input: String, reason: String)]] = [
        "audit-log-archive": [("enable_lifecycle_rules", lifecycleWait), ("enforce_tls_policy", tlsDenyLockout)],
        "artifact-bucket": [
            ("enable_lifecycle_rules", lifecycleWait), ("enforce_tls_policy", tlsDenyLockout),
            ("enforce_publisher_policy", "moto 5.2 ignores policy conditions and reads the deny of other writers as deny-all"),
        ],
        "secrets": [("enforce_jwks_tls_policy", tlsDenyLockout), ("enable_jwks_lifecycle_rules", lifecycleWait)],
        "change-log-bucket": [
            ("enable_lifecycle_rules", lifecycleWait), ("enforce_tls_policy", tlsDenyLockout),
            ("enforce_writer_policy", "moto 5.2 ignores policy conditions and reads the deny of other writers as deny-all"),
        ],
        "security-delegated-admin": [
            ("enable_guardduty", "moto 5.2 cannot remove a GuardDuty administrator account, so the stack could not be destroyed"),
            ("enable_security_hub", "moto 5.2 does not list Security Hub administrator accounts, so the designation cannot be read back"),
        ],
        "guardduty-organization": [
            ("enable_protections", "moto 5.2 does not read GuardDuty detector features back"),
            ("enable_organization_configuration", "moto 5.2 does not implement GuardDuty's organization configuration"),
        ],
        "security-hub-organization": [
            (
                "enable_security_hub",
                "moto 5.2 does not implement UpdateSecurityHubConfiguration, which the provider calls when it enables a hub, nor standards subscriptions"
            )
        ],
        "access-analyzer": [("enable_analyzer", "moto 5.2 does not serve IAM Access Analyzer")],
        "network-hub": [
            ("enable_ram_share", "moto 5.2 does not read RAM resource shares back, so the share cannot be applied or refreshed")
        ],
        "observability": [
            ("enable_grafana", "moto 5.2 does not serve Amazon Managed Grafana workspaces"),
            ("enable_xray_sampling_rules", "moto 5.2 does not serve X-Ray sampling rules"),
            ("enable_lifecycle_rules", lifecycleWait),
            (
                "enable_opensearch",
                "the provider waits about 10 minutes on a new OpenSearch domain; Firehose delivers to the S3 backup bucket instead"
            ),
        ],
        "workload-baseline": [
            ("multi_az", "the provider waits over a minute on a multi-AZ RDS instance; a single-AZ instance is created"),
            ("enable_load_balancer", "the provider waits over a minute on a new ALB, and nothing reaches it locally"),
            ("enable_backup_replication", "moto 5.2 does not serve cross-region RDS automated-backup replication"),
            ("enable_instance_refresh", "moto 5.2 does not implement StartInstanceRefresh; the provider retries it until it times out"),
        ],
        "dns-certificates": [
            ("enable_dnssec", "moto 5.2 cannot sign hosted zones (DNSSEC key-signing keys)"),
            ("enable_certificate_validation", "ACM DNS validation waits on real, delegated DNS, which the emulator does not have"),
        ],
        "state-backend": [
            ("enable_lifecycle_rules", lifecycleWait),
            ("enforce_tls_policy", "moto 5.2 ignores policy conditions and reads the TLS-only deny as deny-all, locking the backend out"),
        ],
        "rotation-function": [
            (
                "enable_rotation",
                "moto 5.2's RotateSecret fails with a server error on a secret that has no value yet, as every secret here is when created"
            )
        ],
        "identity-center": [("enable_permission_sets", "moto 5.2 does not serve SSO Admin permission sets")],
        "edge": [
            ("enable_waf", "moto 5.2 does not serve CloudFront-scoped WAFv2 web ACLs"),
            ("enable_security_headers", "moto 5.2 does not serve CloudFront response headers policies"),
            ("enable_lifecycle_rules", lifecycleWait),
        ],
    ]

    func applyLocalLimits(_ plan: StackPlan) -> StackPlan {
        guard isLocal, emulatorLimits else { return plan }
        var plan = plan
        for call in plan.modules {
            for limit in Self.localLimits[call.module] ?? [] {
                plan.disable(module: call.name, input: limit.input, reason: limit.reason)
            }
        }
        return plan
    }
}
