/// Read-back of EC2 networking: VPCs, subnets, Transit Gateways and their attachments.
public struct EC2Client: Sendable {
    public let client: AWSClient
    static let version = "2016-11-15"

    public init(client: AWSClient) {
        self.client = client
    }

    public struct VPC: Sendable, Equatable {
        public var id: String
        public var cidrBlock: String
        public var state: String
        /// The VPC AWS creates in every region by itself (not part of the platform).
        public var isDefault: Bool
        public var tags: [String: String]
    }

    public struct Subnet: Sendable, Equatable {
        public var id: String
        public var vpcID: String
        public var cidrBlock: String
        public var availabilityZone: String
        public var tags: [String: String]
    }

    public struct TransitGateway: Sendable, Equatable {
        public var id: String
        public var state: String
        public var tags: [String: String]
    }

    public struct TransitGatewayAttachment: Sendable, Equatable {
        public var id: String
        public var transitGatewayID: String
        public var resourceType: String
        public var resourceID: String
        public var state: String
        public var tags: [String: String]
    }

    public func describeVPCs() async throws -> [VPC] {
        try await list("DescribeVpcs", set: "vpcSet") { item in
            VPC(
                id: item.string("vpcId") ?? "", cidrBlock: item.string("cidrBlock") ?? "",
                state: item.string("state") ?? "", isDefault: item.string("isDefault") == "true",
                tags: Self.tags(item))
        }
    }

    /// Subnets, optionally only those of one VPC.
    public func describeSubnets(vpcID: String? = nil) async throws -> [Subnet] {
        let filters = vpcID.map { [(name: "Filter.1.Name", value: "vpc-id"), (name: "Filter.1.Value.1", value: $0)] } ?? []
        return try await list("DescribeSubnets", set: "subnetSet", parameters: filters) { item in
            Subnet(
                id: item.string("subnetId") ?? "", vpcID: item.string("vpcId") ?? "",
                cidrBlock: item.string("cidrBlock") ?? "",
                availabilityZone: item.string("availabilityZone") ?? "", tags: Self.tags(item))
        }
    }

    public func describeTransitGateways() async throws -> [TransitGateway] {
        try await list("DescribeTransitGateways", set: "transitGatewaySet") { item in
            TransitGateway(
                id: item.string("transitGatewayId") ?? "", state: item.string("state") ?? "",
                tags: Self.tags(item))
        }
    }

    public func describeTransitGatewayAttachments() async throws -> [TransitGatewayAttachment] {
        try await list("DescribeTransitGatewayAttachments", set: "transitGatewayAttachments") { item in
            TransitGatewayAttachment(
                id: item.string("transitGatewayAttachmentId") ?? "",
                transitGatewayID: item.string("transitGatewayId") ?? "",
                resourceType: item.string("resourceType") ?? "", resourceID: item.string("resourceId") ?? "",
                state: item.string("state") ?? "", tags: Self.tags(item))
        }
    }

    private func list<T>(
        _ action: String, set: String, parameters: [(name: String, value: String)] = [],
        _ transform: (XMLNode) -> T
    ) async throws -> [T] {
        try await paginate { token in
            var params = parameters
            if let token { params.append((name: "NextToken", value: token)) }
            let root = try await client.query(.ec2, action: action, version: Self.version, parameters: params)
            let items = root.child(set)?.children("item") ?? []
            return (items.map(transform), root.string("nextToken"))
        }
    }

    /// EC2's `tagSet` as a dictionary.
    static func tags(_ item: XMLNode) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in item.child("tagSet")?.children("item") ?? [] {
            if let key = tag.string("key") { tags[key] = tag.string("value") ?? "" }
        }
        return tags
    }
}
