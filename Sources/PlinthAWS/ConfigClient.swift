/// Read-back of AWS Config: the region's configuration recorders and whether each is recording.
public struct ConfigClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct RecorderStatus: Sendable, Equatable, Decodable {
        public var name: String
        public var recording: Bool
        public var lastStatus: String?
        enum CodingKeys: String, CodingKey {
            case name, recording, lastStatus
        }
    }

    public func describeConfigurationRecorderStatus() async throws -> [RecorderStatus] {
        struct Answer: Decodable { var ConfigurationRecordersStatus: [RecorderStatus]? }
        let answer: Answer = try await client.json(
            .config, targetPrefix: "StarlingDoveService", operation: "DescribeConfigurationRecorderStatus", input: [String: String]())
        return answer.ConfigurationRecordersStatus ?? []
    }
}
