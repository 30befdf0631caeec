/// Read-back of DynamoDB: a table's description and its items (the Terraform lock table).
public struct DynamoDBClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Table: Sendable, Equatable, Decodable {
        public var name: String
        public var status: String
        public var keySchema: [KeyElement]
        public var itemCount: Int?
        enum CodingKeys: String, CodingKey {
            case name = "TableName", status = "TableStatus", keySchema = "KeySchema", itemCount = "ItemCount"
        }
    }

    public struct KeyElement: Sendable, Equatable, Decodable {
        public var attributeName: String
        public var keyType: String
        enum CodingKeys: String, CodingKey { case attributeName = "AttributeName", keyType = "KeyType" }
    }

    /// A DynamoDB attribute value, reduced to what read-back needs: strings and numbers keep their
    /// text, booleans their value; anything else is kept as its type tag.
    public enum AttributeValue: Sendable, Equatable, Decodable {
        case string(String)
        case number(String)
        case bool(Bool)
        case other(String)

        public var text: String? {
            switch self {
            case .string(let s), .number(let s): return s
            case .bool(let b): return String(b)
            case .other: return nil
            }
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            if let s = try container.decodeIfPresent(String.self, forKey: AnyKey("S")) {
                self = .string(s)
            } else if let n = try container.decodeIfPresent(String.self, forKey: AnyKey("N")) {
                self = .number(n)
            } else if let b = try container.decodeIfPresent(Bool.self, forKey: AnyKey("BOOL")) {
                self = .bool(b)
            } else {
                self = .other(container.allKeys.first?.stringValue ?? "?")
            }
        }
    }

    public func describeTable(name: String) async throws -> Table {
        struct Output: Decodable { var Table: DynamoDBClient.Table }
        let output: Output = try await call("DescribeTable", ["TableName": .string(name)])
        return output.Table
    }

    /// Every item of a table, following `LastEvaluatedKey`.
    public func scan(table: String) async throws -> [[String: AttributeValue]] {
        struct Output: Decodable {
            var Items: [[String: AttributeValue]]?
            var LastEvaluatedKey: [String: RawAttribute]?
        }
        var items: [[String: AttributeValue]] = []
        var startKey: [String: RawAttribute]?
        var pages = 0
        repeat {
            var input: [String: ScanInputValue] = ["TableName": .string(table)]
            if let startKey { input["ExclusiveStartKey"] = .key(startKey) }
            let output: Output = try await call("Scan", input)
            items += output.Items ?? []
            startKey = output.LastEvaluatedKey.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while startKey != nil && pages < 1000
        return items
    }

    private func call<Output: Decodable>(_ operation: String, _ input: [String: ScanInputValue]) async throws -> Output {
        try await client.json(
            .dynamoDB, targetPrefix: "DynamoDB_20120810", operation: operation, jsonVersion: "1.0", input: input)
    }

    /// An attribute value passed back verbatim (for pagination keys).
    public struct RawAttribute: Sendable, Codable, Equatable {
        var S: String?
        var N: String?
        var B: String?
    }

    enum ScanInputValue: Encodable, Sendable {
        case string(String)
        case key([String: RawAttribute])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let s): try container.encode(s)
            case .key(let k): try container.encode(k)
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
