/// Read-back of CloudWatch metric alarms.
public struct CloudWatchClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Alarm: Sendable, Equatable {
        public var name: String
        public var description: String
        public var namespace: String
        public var metricName: String
        public var state: String
    }

    public func describeAlarms() async throws -> [Alarm] {
        try await paginate { token in
            let params = token.map { [(name: "NextToken", value: $0)] } ?? []
            let root = try await client.query(.cloudWatch, action: "DescribeAlarms", version: "2010-08-01", parameters: params)
            let result = root.child("DescribeAlarmsResult")
            let alarms = (result?.child("MetricAlarms")?.children("member") ?? []).map { member in
                Alarm(
                    name: member.string("AlarmName") ?? "", description: member.string("AlarmDescription") ?? "",
                    namespace: member.string("Namespace") ?? "", metricName: member.string("MetricName") ?? "",
                    state: member.string("StateValue") ?? "")
            }
            return (alarms, result?.string("NextToken"))
        }
    }
}
