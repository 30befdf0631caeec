import PlinthAddressing
import PlinthSpec

extension SpecValidator {
    mutating func checkNetworkReferences() {
        let net = SpecPath.root + "network"
        let hubs = spec.network.hubs
        let hubNames = hubs.map(\.name.rawValue)
        for (index, hub) in hubs.enumerated() {
            let path = net + "hubs" + index
            reference(hub.account.rawValue, at: path + "account", to: "account", among: accountNames)
            reference(hub.region.rawValue, at: path + "region", to: "platform region", among: regionNames)
            let asn = hub.transitGateway.amazonSideAsn
            if !((64512...65534).contains(asn) || (4_200_000_000...4_294_967_294).contains(asn)) {
                error(
                    "out-of-range", path + "transitGateway" + "amazonSideAsn",
                    "\(asn) is not a private ASN (64512-65534 or 4200000000-4294967294)")
            }
            if hub.transitGateway.routeTables.isEmpty {
                error("empty-list", path + "transitGateway" + "routeTables", "a Transit Gateway needs at least one route table")
            }
            if let peer = hub.transitGateway.peerWith {
                reference(peer.rawValue, at: path + "transitGateway" + "peerWith", to: "hub", among: hubNames)
                if let other = hubs.first(where: { $0.name == peer }), other.region == hub.region {
                    error(
                        "peering-region", path + "transitGateway" + "peerWith",
                        "Transit Gateway peering for DR joins hubs in different regions; '\(peer)' is also in \(hub.region)")
                }
            }
        }
        for region in spec.regions.all where !hubs.contains(where: { $0.region == region }) {
            error("missing-hub", net + "hubs", "no hub in region \(region)")
        }
        if spec.regions.all.count > 1, !hubs.contains(where: { $0.transitGateway.peerWith != nil }) {
            error("missing-peering", net + "hubs", "no Transit Gateway peering between the primary and DR hubs")
        }

        var covered: Set<String> = []
        for (index, spoke) in spec.network.spokes.enumerated() {
            let path = net + "spokes" + index
            reference(spoke.environment.rawValue, at: path + "environment", to: "environment", among: environmentNames)
            reference(spoke.hub.rawValue, at: path + "hub", to: "hub", among: hubNames)
            if let hub = hubs.first(where: { $0.name == spoke.hub }) {
                if hub.region != spoke.region {
                    error(
                        "hub-region", path + "hub", "spoke '\(spoke.name)' is in \(spoke.region) but hub '\(hub.name)' is in \(hub.region)")
                }
                reference(
                    spoke.routeTable.rawValue, at: path + "routeTable", to: "route table of hub '\(hub.name)'",
                    among: hub.transitGateway.routeTables.map(\.rawValue))
            }
            if let env = environmentsByName[spoke.environment] {
                if !env.regions.contains(spoke.region) {
                    error("spoke-region", path + "region", "environment '\(env.name)' does not run in \(spoke.region)")
                }
                if spoke.vpc.availabilityZones.count != env.availabilityZones {
                    error(
                        "availability-zones", path + "vpc" + "availabilityZones",
                        "spoke '\(spoke.name)' spans \(spoke.vpc.availabilityZones.count) AZs but environment '\(env.name)' requires \(env.availabilityZones)"
                    )
                }
                covered.insert("\(env.name)/\(spoke.region)")
            }
        }
        for (index, env) in spec.environments.enumerated() {
            for region in env.regions where !covered.contains("\(env.name)/\(region)") {
                error(
                    "missing-spoke", .root + "environments" + index + "regions", "environment '\(env.name)' has no spoke VPC in \(region)")
            }
        }

        for (index, intent) in spec.network.securityGroupIntent.enumerated() {
            for (offset, port) in intent.ports.enumerated() where !(1...65535).contains(port) {
                error("out-of-range", net + "securityGroupIntent" + index + "ports" + offset, "port \(port) is not 1 to 65535")
            }
            if intent.tier == .isolated && intent.allowFrom.contains(where: { $0 == .internet || $0 == .cloudfront || $0 == .public }) {
                error(
                    "isolated-tier-exposed", net + "securityGroupIntent" + index + "allowFrom",
                    "the isolated data tier accepts traffic from the private tier only")
            }
        }
        for (index, consumer) in spec.network.privateLink.enumerated() {
            let path = net + "privateLink" + index
            for (offset, env) in consumer.environments.enumerated() {
                reference(env.rawValue, at: path + "environments" + offset, to: "environment", among: environmentNames)
            }
            if !consumer.serviceName.hasPrefix("com.amazonaws.vpce.") {
                error(
                    "invalid-format", path + "serviceName",
                    "'\(consumer.serviceName)' is not an endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-...)")
            }
        }
        let reservedNames = spec.network.addressPlan.reserved.map(\.name)
        for (offset, name) in spec.network.vpn.corporateRanges.enumerated() {
            reference(name, at: net + "vpn" + "corporateRanges" + offset, to: "reserved range", among: reservedNames)
        }
        if !spec.network.vpn.customerGatewayIP.isEmpty, IPv4Address(spec.network.vpn.customerGatewayIP) == nil {
            error("invalid-format", net + "vpn" + "customerGatewayIP", "'\(spec.network.vpn.customerGatewayIP)' is not an IPv4 address")
        }
    }

    /// Every VPC inside its region's supernet, clear of reserved ranges and of every other VPC in
    /// every region; subnets inside their VPC, one per AZ and tier, never overlapping.
    mutating func checkAddressPlan() {
        let plan = spec.network.addressPlan
        let planPath = SpecPath.root + "network" + "addressPlan"
        var supernetByRegion: [Region: IPv4Prefix] = [:]
        for (index, supernet) in plan.supernets.enumerated() {
            let path = planPath + "supernets" + index
            reference(supernet.region.rawValue, at: path + "region", to: "platform region", among: regionNames)
            if supernetByRegion[supernet.region] != nil {
                error("duplicate-name", path + "region", "region \(supernet.region) already has a supernet")
            }
            supernetByRegion[supernet.region] = supernet.cidr
        }
        for region in spec.regions.all where supernetByRegion[region] == nil {
            error("missing-supernet", planPath + "supernets", "no supernet for region \(region)")
        }

        // Ranges that must not overlap each other: supernets among themselves and against reserved ranges.
        var topLevel: [(label: SpecPath, prefix: IPv4Prefix)] = plan.supernets.enumerated().map {
            (planPath + "supernets" + $0.offset + "cidr", $0.element.cidr)
        }
        topLevel += plan.reserved.enumerated().map { (planPath + "reserved" + $0.offset + "cidr", $0.element.cidr) }
        for overlap in OverlapFinder.overlaps(in: topLevel) {
            error(
                "cidr-overlap", overlap.second.label, "\(overlap.second.prefix) overlaps \(overlap.first.prefix) at \(overlap.first.label)",
                related: [.init(path: overlap.first.label, message: "\(overlap.first.prefix) is declared here")])
        }

        let pool = plan.previewPool
        if let supernet = supernetByRegion[pool.region], !supernet.contains(pool.cidr) {
            error(
                "outside-supernet", planPath + "previewPool" + "cidr",
                "preview pool \(pool.cidr) is outside the \(pool.region) supernet \(supernet)")
        }

        // Every VPC of every region, plus the preview pool, in one overlap sweep.
        var blocks: [(label: SpecPath, prefix: IPv4Prefix)] = [(planPath + "previewPool" + "cidr", pool.cidr)]
        for vpc in spec.network.allVPCs {
            let path = SpecPath.root + "network" + vpc.kind + vpc.index + "vpc"
            blocks.append((path + "cidr", vpc.layout.cidr))
            if let supernet = supernetByRegion[vpc.region], !supernet.contains(vpc.layout.cidr) {
                error(
                    "outside-supernet", path + "cidr",
                    "\(vpc.layout.cidr) of '\(vpc.name)' is outside the \(vpc.region) supernet \(supernet)")
            }
            checkSubnets(of: vpc.layout, name: vpc.name, region: vpc.region, at: path)
        }
        for overlap in OverlapFinder.overlaps(in: blocks) {
            error(
                "cidr-overlap", overlap.second.label, "\(overlap.second.prefix) overlaps \(overlap.first.prefix) at \(overlap.first.label)",
                related: [.init(path: overlap.first.label, message: "\(overlap.first.prefix) is declared here")])
        }
        // Reserved ranges against every VPC: they may sit inside a supernet only if no VPC uses them.
        let reserved = plan.reserved.enumerated().map {
            (label: planPath + "reserved" + $0.offset + "cidr", prefix: $0.element.cidr, name: $0.element.name)
        }
        if !reserved.isEmpty {
            for block in blocks {
                for range in reserved where range.prefix.overlaps(block.prefix) {
                    error(
                        "reserved-overlap", block.label, "\(block.prefix) overlaps the reserved range '\(range.name)' (\(range.prefix))",
                        related: [.init(path: range.label, message: "reserved here")])
                }
            }
        }
    }

    private mutating func checkSubnets(of layout: VPCLayout, name: Name, region: Region, at path: SpecPath) {
        let zones = layout.availabilityZones
        if zones.isEmpty { error("empty-list", path + "availabilityZones", "VPC '\(name)' has no availability zone") }
        for (offset, zone) in zones.enumerated() where zone.region != region {
            error("zone-region", path + "availabilityZones" + offset, "\(zone) is not in \(region)")
        }
        unique(zones.enumerated().map { ($0.element.rawValue, path + "availabilityZones" + $0.offset) }, kind: "availability zone")
        var subnets: [(label: SpecPath, prefix: IPv4Prefix)] = []
        for tier in SubnetTier.allCases {
            let tierSubnets = layout.subnets.subnets(in: tier)
            let tierPath = path + "subnets" + tier.rawValue
            if tierSubnets.count != zones.count {
                error(
                    "subnets-per-az", tierPath,
                    "the \(tier.rawValue) tier has \(tierSubnets.count) subnets for \(zones.count) availability zones; give one per AZ, in AZ order"
                )
            }
            for (offset, subnet) in tierSubnets.enumerated() {
                let subnetPath = tierPath + offset
                subnets.append((subnetPath, subnet))
                if !layout.cidr.contains(subnet) {
                    error("outside-vpc", subnetPath, "subnet \(subnet) is outside VPC '\(name)' (\(layout.cidr))")
                }
                if subnet.length > 28 {
                    error("subnet-too-small", subnetPath, "subnet \(subnet) is smaller than /28, the smallest AWS allows")
                }
            }
        }
        for overlap in OverlapFinder.overlaps(in: subnets) {
            error(
                "cidr-overlap", overlap.second.label,
                "subnet \(overlap.second.prefix) overlaps \(overlap.first.prefix) at \(overlap.first.label)",
                related: [.init(path: overlap.first.label, message: "\(overlap.first.prefix) is declared here")])
        }
    }
}
