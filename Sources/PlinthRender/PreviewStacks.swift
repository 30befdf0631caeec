import PlinthAddressing
import PlinthSpec

/// One branch's preview as it is rendered: the branch, its DNS-safe slug and its leased range.
public struct PreviewTarget: Sendable, Equatable {
    public var branch: String
    public var slug: String
    public var cidr: IPv4Prefix
    /// Short name for resources (module `name` inputs allow as few as 24 characters, a slug has
    /// up to 63); the full slug is in every resource's tags.
    public var resourceName: String

    public init(branch: String, slug: String, cidr: IPv4Prefix, resourceName: String) {
        self.branch = branch
        self.slug = slug
        self.cidr = cidr
        self.resourceName = resourceName
    }

    /// The tag every resource of the preview carries, so `preview down` can prove none is left.
    public static let tagKey = "PlinthPreview"
}

/// Renders a preview's stacks from the environment whose previews are enabled: a spoke VPC of the
/// leased range attached to that environment's Transit Gateway route table, a small workload on
/// the preview instance type (no database), and `<slug>.preview.<zone>` in the environment's
/// private zone. Same modules as the environment's own stacks; own stack ids and state keys
/// (`preview/<slug>/...`), so previews never share state with each other or the environment.
public struct PreviewStacks: Sendable {
    public var spec: PlatformSpec
    public var target: RenderTarget
    /// Module directory relative to the output root the tree is written to.
    public var modulesDirectory: String

    public init(spec: PlatformSpec, target: RenderTarget, modulesDirectory: String) {
        self.spec = spec
        self.target = target
        self.modulesDirectory = modulesDirectory
    }

    /// Stack ids of a preview, in apply order.
    public static func stackIDs(slug: String) -> [String] { ["preview/\(slug)/network", "preview/\(slug)/app"] }

    /// The preview's host name.
    public func hostName(slug: String) throws -> String {
        "\(slug).preview.\(try zone().name)"
    }

    public func render(_ preview: PreviewTarget) throws -> RenderedInfrastructure {
        let stacks = AWSStacks(spec: spec, target: target)
        let plans = try stacks.previewPlans(preview, zone: try zone(), hostName: try hostName(slug: preview.slug))
        var files = StackFiles(
            spec: spec, target: target, modulesDirectory: modulesDirectory, organizationStack: StackRenderer.organizationStack)
        // A preview reads the dev environment's stacks, whose state is in the environment's
        // workspace: their workspaces come from the platform's own plans.
        files.workspaces = Dictionary((stacks.plans() + plans).map { ($0.id, $0.workspace) }, uniquingKeysWith: { _, preview in preview })
        var tree: [String: String] = [:]
        var descriptors: [StackDescriptor] = []
        var disabled: [DisabledResource] = []
        for plan in plans {
            var dependsOn = plan.dependsOn
            if files.readsAccountIDs(plan), !dependsOn.contains(StackRenderer.organizationStack) {
                dependsOn = (dependsOn + [StackRenderer.organizationStack]).sorted()
            }
            tree.merge(files.files(for: plan)) { _, new in new }
            descriptors.append(files.descriptor(plan, dependsOn: dependsOn))
            disabled += plan.disabled.map { DisabledResource(stack: plan.id, resource: $0.resource, reason: $0.reason) }
        }
        return RenderedInfrastructure(files: tree, stacks: descriptors, disabled: disabled)
    }

    /// The private zone of the preview environment its host names go under.
    func zone() throws -> PrivateZoneSpec {
        guard let (environment, _) = spec.previewEnvironment else {
            throw RenderError.inconsistentSpec("no environment has previews enabled")
        }
        guard let zone = spec.dns.privateZones.first(where: { $0.environment == environment.name }) else {
            throw RenderError.inconsistentSpec("environment \(environment.name) has previews but no private zone for their names")
        }
        return zone
    }
}

extension AWSStacks {
    func previewPlans(_ preview: PreviewTarget, zone: PrivateZoneSpec, hostName: String) throws -> [StackPlan] {
        guard let (environment, previews) = spec.previewEnvironment else {
            throw RenderError.inconsistentSpec("no environment has previews enabled")
        }
        let region = spec.network.addressPlan.previewPool.region
        guard let spoke = spokesByEnvironment[environment.name]?.first(where: { $0.region == region }),
            let hub = hubsByName[spoke.hub]
        else {
            throw RenderError.inconsistentSpec("environment \(environment.name) has no spoke in the preview region \(region)")
        }
        let layout = try Self.previewLayout(preview.cidr, zones: Array(spoke.vpc.availabilityZones.prefix(2)))
        let ids = PreviewStacks.stackIDs(slug: preview.slug)
        let tags: JSONValue = .object([
            (PreviewTarget.tagKey, .string(preview.slug)), ("PlinthPreviewBranch", TerraformExpression.literal(preview.branch)),
        ])

        var network = plan(
            ids[0], account: environment.account, region: region,
            purpose: "Preview \(preview.slug): spoke VPC \(preview.cidr) attached to the \(spoke.routeTable) Transit Gateway route table.")
        let hubState = hubID(hub)
        network.aliases.append(.init(alias: "hub", account: hub.account, region: hub.region, access: access(for: hub.account)))
        network.modules.append(
            .init(
                name: "spoke", module: "spoke-vpc",
                inputs: [
                    ("name", .string(preview.resourceName)),
                    ("tags", tags),
                    ("egress", "transit-gateway"),
                    ("interface_endpoints", []),
                    ("enable_transit_gateway_attachment", true),
                    ("transit_gateway_id", network.upstream(hubState, "transit_gateway_id")),
                    ("manage_transit_gateway_routing", false),
                ] + layoutInputs(layout) + (isLocal ? [("transit_gateway_default_route_table_association", true)] : [])))
        let routeTables = network.upstreamExpression(hubState, "route_table_ids")
        network.resources.append(
            .init(
                type: "aws_ec2_transit_gateway_route_table_association", name: "spoke",
                body: [
                    "provider": "aws.hub",
                    "transit_gateway_attachment_id": "${module.spoke.transit_gateway_attachment_id}",
                    "transit_gateway_route_table_id": .string("${\(routeTables)[\"\(spoke.routeTable.rawValue)\"]}"),
                ]))
        network.export(
            "spoke",
            [("vpc_id", "VPC ID."), ("vpc_cidr", "VPC CIDR."), ("subnet_ids", "Subnet IDs by tier.")])

        var app = plan(
            ids[1], account: environment.account, region: region,
            purpose: "Preview \(preview.slug): load balancer and \(previews.instanceType) instance, reachable as \(hostName).")
        app.aliases.append(.init(alias: "dr", account: environment.account, region: spec.regions.disasterRecovery, access: app.access))
        let subnets = app.upstreamExpression(ids[0], "subnet_ids")
        let appPort = spec.network.securityGroupIntent.first { $0.tier == .private }?.ports.first ?? 8080
        app.data.append(
            .init(
                type: "aws_ssm_parameter", name: "ami",
                body: ["name": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"]))
        let certificate = loadBalancerCertificate(&app, environment.name, region)
        app.modules.append(
            .init(
                name: "workload", module: "workload-baseline",
                inputs: [
                    ("name", .string(preview.resourceName)),
                    ("tags", tags),
                    ("environment", .string(environment.name.rawValue)),
                    ("vpc_id", app.upstream(ids[0], "vpc_id")),
                    ("public_subnet_ids", .string("${\(subnets)[\"public\"]}")),
                    ("private_subnet_ids", .string("${\(subnets)[\"private\"]}")),
                    ("isolated_subnet_ids", .string("${\(subnets)[\"isolated\"]}")),
                    ("enable_load_balancer", true),
                    ("alb_deletion_protection", false),
                    ("app_port", .int(appPort)),
                    ("ami_id", "${nonsensitive(data.aws_ssm_parameter.ami.value)}"),
                    ("instance_type", TerraformExpression.literal(previews.instanceType)),
                    ("min_size", 1), ("max_size", 1), ("desired_capacity", 1),
                    ("spot", .bool(previews.spot)),
                    ("kms_key_arn", app.upstream(secretsID(environment), "kms_key_arn")),
                    ("enable_database", false),
                    ("multi_az", false),
                    ("db_deletion_protection", false),
                    ("db_skip_final_snapshot", true),
                    ("enable_backup_replication", false),
                ] + databaseSizing(environment.database)
                    + [certificate].compactMap { $0 }, usesDR: true))
        let zones = app.upstreamExpression(environmentDNSID(environment.name, primaryRegion(environment)), "private_zone_ids")
        let zoneID = JSONValue.string("${\(zones)[\"\(zone.name)\"]}")
        if isLocal, emulatorLimits {
            // The load balancer is switched off on the emulator (see localLimits), so there is
            // nothing to alias: the name is kept, as a TXT record naming the branch.
            app.resources.append(
                .init(
                    type: "aws_route53_record", name: "preview",
                    body: [
                        "zone_id": zoneID, "name": .string(hostName), "type": "TXT", "ttl": 60,
                        "records": .array([TerraformExpression.literal("plinth preview of \(preview.branch)")]),
                    ]))
            app.disabled.append(
                (
                    "aws_route53_record.preview alias",
                    "the load balancer it would alias is switched off locally; a TXT record keeps the name"
                ))
        } else {
            app.resources.append(
                .init(
                    type: "aws_route53_record", name: "preview",
                    body: [
                        "zone_id": zoneID, "name": .string(hostName), "type": "A",
                        "alias": [
                            "name": "${module.workload.alb_dns_name}", "zone_id": "${module.workload.alb_zone_id}",
                            "evaluate_target_health": false,
                        ],
                    ]))
        }
        app.outputs.append(.init(name: "url", value: .string("http://\(hostName)"), description: "The preview's address."))
        return [network, app].map(applyLocalLimits)
    }

    /// Public and isolated subnets of a sixteenth, private of an eighth of the range, per AZ.
    static func previewLayout(_ cidr: IPv4Prefix, zones: [AvailabilityZone]) throws -> VPCLayout {
        guard cidr.length <= 24, !zones.isEmpty, zones.count <= 3 else {
            throw RenderError.inconsistentSpec("a preview needs a /24 or larger and one to three availability zones")
        }
        var layout = VPCLayout()
        layout.cidr = cidr
        layout.availabilityZones = zones
        for index in zones.indices {
            if let subnet = cidr.subnet(newBits: 4, index: index) { layout.subnets.public.append(subnet) }
            if let subnet = cidr.subnet(newBits: 4, index: 4 + index) { layout.subnets.isolated.append(subnet) }
            if let subnet = cidr.subnet(newBits: 3, index: 4 + index) { layout.subnets.private.append(subnet) }
        }
        return layout
    }
}
