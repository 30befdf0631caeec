import PlinthAddressing

public struct NetworkSpec: SpecObject {
    public var addressPlan = AddressPlanSpec()
    public var hubs: [HubSpec] = []
    public var spokes: [SpokeSpec] = []
    public var securityGroupIntent: [SecurityGroupIntent] = []
    public var interfaceEndpoints: [String] = []
    public var privateLink: [PrivateLinkConsumer] = []
    public var edge = EdgeSpec()
    public var vpn = VPNSpec()
    public var directConnect = DirectConnectSpec()

    public init() {}
    public static let documentation = "Hub-and-spoke networking over Transit Gateway."
    public static var fields: [SpecField<NetworkSpec>] {
        [
            .required("addressPlan", \.addressPlan, "Supernets per region, the preview pool and ranges to keep clear of."),
            .required("hubs", \.hubs, "Shared-services hub VPC per region, with its Transit Gateway."),
            .required("spokes", \.spokes, "Application VPC per environment and region."),
            .required("securityGroupIntent", \.securityGroupIntent, "Which tier may talk to which, on which ports."),
            .required("interfaceEndpoints", \.interfaceEndpoints, "AWS services reached through interface endpoints in every spoke."),
            .defaulted("privateLink", \.privateLink, default: [], "Third-party SaaS reached over PrivateLink."),
            .required("edge", \.edge, "CloudFront in front of the application."),
            .required("vpn", \.vpn, "Site-to-Site VPN to the corporate network."),
            .required("directConnect", \.directConnect, "Direct Connect to the corporate network."),
        ]
    }

    /// Every VPC layout with a label, hubs first; the address-plan rules walk this list.
    public var allVPCs: [(kind: String, index: Int, name: Name, region: Region, layout: VPCLayout)] {
        hubs.enumerated().map { ("hubs", $0.offset, $0.element.name, $0.element.region, $0.element.vpc) }
            + spokes.enumerated().map { ("spokes", $0.offset, $0.element.name, $0.element.region, $0.element.vpc) }
    }
}

public struct AddressPlanSpec: SpecObject {
    public var supernets: [RegionSupernet] = []
    public var previewPool = PreviewPool()
    public var reserved: [ReservedRange] = []

    public init() {}
    public static let documentation = "Where every VPC's addresses come from, and what to stay clear of."
    public static var fields: [SpecField<AddressPlanSpec>] {
        [
            .required("supernets", \.supernets, "One supernet per region; every VPC of the region lies inside it."),
            .required("previewPool", \.previewPool, "Range carved into preview-environment VPCs."),
            .required("reserved", \.reserved, "Corporate and partner ranges no VPC may overlap."),
        ]
    }
}

public struct RegionSupernet: SpecObject {
    public var region: Region = "us-east-1"
    public var cidr = IPv4Prefix(network: IPv4Address(0), length: 0)

    public init() {}
    public static let documentation = "A region's supernet."
    public static var fields: [SpecField<RegionSupernet>] {
        [
            .required("region", \.region, "Region."),
            .required("cidr", \.cidr, "Supernet of the region."),
        ]
    }
}

public struct PreviewPool: SpecObject {
    public var region: Region = "us-east-1"
    public var cidr = IPv4Prefix(network: IPv4Address(0), length: 0)

    public init() {}
    public static let documentation = "Range from which preview VPCs are allocated; inside its region's supernet."
    public static var fields: [SpecField<PreviewPool>] {
        [
            .required("region", \.region, "Region previews run in."),
            .required("cidr", \.cidr, "Pool range."),
        ]
    }
}

public struct ReservedRange: SpecObject {
    public var name = ""
    public var cidr = IPv4Prefix(network: IPv4Address(0), length: 0)

    public init() {}
    public static let documentation = "A range owned by someone else (corporate LAN, VPN clients, partners)."
    public static var fields: [SpecField<ReservedRange>] {
        [
            .required("name", \.name, "Who owns the range."),
            .required("cidr", \.cidr, "The range."),
        ]
    }
}

/// A VPC's addresses: one subnet per AZ in each of the three tiers, in AZ order.
public struct VPCLayout: SpecObject {
    public var cidr = IPv4Prefix(network: IPv4Address(0), length: 0)
    public var availabilityZones: [AvailabilityZone] = []
    public var subnets = TieredSubnets()

    public init() {}
    public static let documentation = "A VPC's CIDR, AZs and subnets per tier."
    public static var fields: [SpecField<VPCLayout>] {
        [
            .required("cidr", \.cidr, "VPC CIDR block."),
            .required("availabilityZones", \.availabilityZones, "AZs the VPC spans."),
            .required("subnets", \.subnets, "Subnets per tier, one per AZ, in the order of availabilityZones."),
        ]
    }
}

public struct TieredSubnets: SpecObject {
    public var `public`: [IPv4Prefix] = []
    public var `private`: [IPv4Prefix] = []
    public var isolated: [IPv4Prefix] = []

    public init() {}
    public static let documentation = "Public for ingress, private for application services, isolated for data."
    public static var fields: [SpecField<TieredSubnets>] {
        [
            .required("public", \.public, "Ingress tier: load balancers and NAT gateways."),
            .required("private", \.private, "Application tier: no inbound from the internet."),
            .required("isolated", \.isolated, "Data tier: no route to the internet at all."),
        ]
    }

    public func subnets(in tier: SubnetTier) -> [IPv4Prefix] {
        switch tier {
        case .public: `public`
        case .private: `private`
        case .isolated: isolated
        }
    }
}

public enum SubnetTier: String, SpecEnum, Comparable {
    case `public`, `private`, isolated
    public static func < (lhs: SubnetTier, rhs: SubnetTier) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

public struct HubSpec: SpecObject {
    public var name: Name = ""
    public var account: Name = ""
    public var region: Region = "us-east-1"
    public var vpc = VPCLayout()
    public var transitGateway = TransitGatewaySpec()
    public var centralEgress = true
    public var services: [HubService] = []

    public init() {}
    public static let documentation = "The shared-services hub of a region."
    public static var fields: [SpecField<HubSpec>] {
        [
            .required("name", \.name, "Hub name."),
            .required("account", \.account, "Account that owns the hub (shared-services)."),
            .required("region", \.region, "Region of the hub."),
            .required("vpc", \.vpc, "Hub VPC layout."),
            .required("transitGateway", \.transitGateway, "Transit Gateway shared to the organization."),
            .required("centralEgress", \.centralEgress, "Spokes reach the internet through the hub's NAT gateways."),
            .required("services", \.services, "What the hub hosts."),
        ]
    }
}

public enum HubService: String, SpecEnum {
    case ciRunners = "ci-runners"
    case sharedDataStores = "shared-data-stores"
    case centralEgress = "central-egress"
    case dnsResolver = "dns-resolver"
}

public struct TransitGatewaySpec: SpecObject {
    public var amazonSideAsn = 64512
    public var routeTables: [Name] = []
    public var peerWith: Name?

    public init() {}
    public static let documentation = "A Transit Gateway with explicit route tables."
    public static var fields: [SpecField<TransitGatewaySpec>] {
        [
            .required("amazonSideAsn", \.amazonSideAsn, "Private ASN (64512-65534 or 4200000000-4294967294)."),
            .required("routeTables", \.routeTables, "Route tables; spokes associate with one by name."),
            .optional("peerWith", \.peerWith, "Hub in another region to peer with for DR."),
        ]
    }
}

public struct SpokeSpec: SpecObject {
    public var name: Name = ""
    public var environment: Name = ""
    public var region: Region = "us-east-1"
    public var hub: Name = ""
    public var routeTable: Name = ""
    public var vpc = VPCLayout()
    public var interfaceEndpoints: [String] = []

    public init() {}
    public static let documentation = "An application VPC of one environment in one region."
    public static var fields: [SpecField<SpokeSpec>] {
        [
            .required("name", \.name, "Spoke name."),
            .required("environment", \.environment, "Environment the spoke serves; its account owns the VPC."),
            .required("region", \.region, "Region of the spoke."),
            .required("hub", \.hub, "Hub whose Transit Gateway the spoke attaches to (same region)."),
            .required("routeTable", \.routeTable, "Transit Gateway route table the attachment associates with."),
            .required("vpc", \.vpc, "VPC layout."),
            .defaulted(
                "interfaceEndpoints", \.interfaceEndpoints, default: [],
                "Further AWS services reached through interface endpoints in this spoke only, besides network.interfaceEndpoints."),
        ]
    }
}

public struct SecurityGroupIntent: SpecObject {
    public var tier: SubnetTier = .public
    public var allowFrom: [TrafficSource] = []
    public var ports: [Int] = []
    public var description = ""

    public init() {}
    public static let documentation = "Inbound rule intent for the security groups of a tier."
    public static var fields: [SpecField<SecurityGroupIntent>] {
        [
            .required("tier", \.tier, "Tier whose security group this describes."),
            .required("allowFrom", \.allowFrom, "Where inbound traffic may come from."),
            .required("ports", \.ports, "TCP ports allowed."),
            .required("description", \.description, "Why."),
        ]
    }
}

public enum TrafficSource: String, SpecEnum {
    case internet, cloudfront, `public`, `private`, isolated, hub
}

public struct PrivateLinkConsumer: SpecObject {
    public var name: Name = ""
    public var serviceName = ""
    public var environments: [Name] = []
    public var purpose = ""

    public init() {}
    public static let documentation = "An interface endpoint to a third-party SaaS endpoint service."
    public static var fields: [SpecField<PrivateLinkConsumer>] {
        [
            .required("name", \.name, "Integration name."),
            .required(
                "serviceName", \.serviceName, "Endpoint service name given by the vendor (com.amazonaws.vpce.<region>.vpce-svc-...)."),
            .required("environments", \.environments, "Environments whose spokes get the endpoint."),
            .required("purpose", \.purpose, "What the integration is for."),
        ]
    }
}

public struct EdgeSpec: SpecObject {
    public var cloudFront = true
    public var priceClass: CloudFrontPriceClass = .priceClass100
    public var minimumTLS = "TLSv1.2_2021"
    public var webACL = true

    public init() {}
    public static let documentation = "CloudFront distribution per environment in front of its load balancer."
    public static var fields: [SpecField<EdgeSpec>] {
        [
            .required("cloudFront", \.cloudFront, "Serve the application through CloudFront."),
            .required("priceClass", \.priceClass, "CloudFront price class."),
            .required("minimumTLS", \.minimumTLS, "Minimum viewer TLS policy."),
            .required("webACL", \.webACL, "Attach an AWS WAF web ACL."),
        ]
    }
}

public enum CloudFrontPriceClass: String, SpecEnum {
    case priceClass100 = "PriceClass_100"
    case priceClass200 = "PriceClass_200"
    case priceClassAll = "PriceClass_All"
}

public struct VPNSpec: SpecObject {
    public var enabled = false
    public var blockedBy: Name?
    public var customerGatewayIP = ""
    public var customerGatewayAsn = 65000
    public var corporateRanges: [String] = []

    public init() {}
    public static let documentation = "Site-to-Site VPN on the primary hub's Transit Gateway."
    public static var fields: [SpecField<VPNSpec>] {
        [
            .required("enabled", \.enabled, "Provision the VPN; false until its blocker clears."),
            .optional("blockedBy", \.blockedBy, "Blocker that gates the VPN."),
            .required("customerGatewayIP", \.customerGatewayIP, "Public IP of the corporate VPN device."),
            .required("customerGatewayAsn", \.customerGatewayAsn, "BGP ASN of the corporate side."),
            .required("corporateRanges", \.corporateRanges, "Names of addressPlan.reserved ranges reached over the VPN."),
        ]
    }
}

public struct DirectConnectSpec: SpecObject {
    public var enabled = false
    public var blockedBy: Name?
    public var amazonSideAsn = 64513
    public var bandwidth = "1Gbps"

    public init() {}
    public static let documentation = "Direct Connect gateway associated with the primary Transit Gateway."
    public static var fields: [SpecField<DirectConnectSpec>] {
        [
            .required("enabled", \.enabled, "Provision Direct Connect; false until its blocker clears."),
            .optional("blockedBy", \.blockedBy, "Blocker that gates Direct Connect."),
            .required("amazonSideAsn", \.amazonSideAsn, "ASN of the Direct Connect gateway."),
            .required("bandwidth", \.bandwidth, "Circuit bandwidth being procured."),
        ]
    }
}
