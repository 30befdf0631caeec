/// Read-back of CloudTrail: the trails this region can see (an organization or multi-region trail
/// from its home region) and whether each is logging.
public struct CloudTrailClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    static let targetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"

    public struct Trail: Sendable, Equatable, Decodable {
        public var name: String
        public var arn: String?
        public var bucket: String?
        public var homeRegion: String?
        public var kmsKeyID: String?
        public var isMultiRegion: Bool?
        public var isOrganization: Bool?
        public var logFileValidation: Bool?
        public var cloudWatchLogsGroupARN: String?
        enum CodingKeys: String, CodingKey {
            case name = "Name", arn = "TrailARN", bucket = "S3BucketName", homeRegion = "HomeRegion", kmsKeyID = "KmsKeyId"
            case isMultiRegion = "IsMultiRegionTrail", isOrganization = "IsOrganizationTrail"
            case logFileValidation = "LogFileValidationEnabled", cloudWatchLogsGroupARN = "CloudWatchLogsLogGroupArn"
        }
    }

    public func describeTrails() async throws -> [Trail] {
        struct Page: Decodable { var trailList: [Trail]? }
        struct Input: Encodable, Sendable { var includeShadowTrails = true }
        let page: Page = try await client.json(.cloudTrail, targetPrefix: Self.targetPrefix, operation: "DescribeTrails", input: Input())
        return page.trailList ?? []
    }

    /// Whether the trail is delivering events now.
    public func isLogging(trail: String) async throws -> Bool {
        struct Status: Decodable { var IsLogging: Bool? }
        let status: Status = try await client.json(
            .cloudTrail, targetPrefix: Self.targetPrefix, operation: "GetTrailStatus", input: ["Name": trail])
        return status.IsLogging ?? false
    }
}
