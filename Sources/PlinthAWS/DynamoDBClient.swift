import Foundation

/// DynamoDB: read-back of tables and items (the Terraform lock table), and the conditional writes
/// and transactions the preview lease store relies on for mutual exclusion.
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

    /// An item: attribute name to value.
    public typealias Item = [String: AttributeValue]

    /// A DynamoDB attribute value, reduced to what Plinth stores and reads: strings and numbers keep
    /// their text, booleans their value; anything else is kept as its type tag and cannot be written.
    public enum AttributeValue: Sendable, Equatable, Codable {
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

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            switch self {
            case .string(let s): try container.encode(s, forKey: AnyKey("S"))
            case .number(let n): try container.encode(n, forKey: AnyKey("N"))
            case .bool(let b): try container.encode(b, forKey: AnyKey("BOOL"))
            case .other(let tag):
                throw EncodingError.invalidValue(
                    tag, .init(codingPath: encoder.codingPath, debugDescription: "a \(tag) attribute cannot be written back"))
            }
        }
    }

    /// A condition or update expression with its placeholders (`#name`, `:value`).
    public struct Expression: Sendable, Equatable {
        public var text: String
        public var names: [String: String]
        public var values: Item

        public init(_ text: String, names: [String: String] = [:], values: Item = [:]) {
            self.text = text
            self.names = names
            self.values = values
        }
    }

    /// One write of a `TransactWriteItems` call; the transaction applies all of them or none.
    public enum TransactionWrite: Sendable, Equatable {
        case put(table: String, item: Item, condition: Expression?)
        case update(table: String, key: Item, update: Expression, condition: Expression?)
        case delete(table: String, key: Item, condition: Expression?)
        case conditionCheck(table: String, key: Item, condition: Expression)
    }

    public func describeTable(name: String) async throws -> Table {
        struct Output: Decodable { var Table: DynamoDBClient.Table }
        let output: Output = try await call("DescribeTable", ["TableName": .string(name)])
        return output.Table
    }

    /// Creates an on-demand table keyed by one string attribute (the shape of Plinth's lock and
    /// lease tables), for emulator runs where no stack made it.
    public func createTable(name: String, hashKey: String) async throws {
        let _: Empty = try await call(
            "CreateTable",
            [
                "TableName": .string(name), "BillingMode": .string("PAY_PER_REQUEST"),
                "AttributeDefinitions": .list([.object(["AttributeName": .string(hashKey), "AttributeType": .string("S")])]),
                "KeySchema": .list([.object(["AttributeName": .string(hashKey), "KeyType": .string("HASH")])]),
            ])
    }

    /// Every item of a table, following `LastEvaluatedKey`; `consistentRead` sees every write
    /// acknowledged before the call.
    public func scan(table: String, consistentRead: Bool = false) async throws -> [Item] {
        struct Output: Decodable {
            var Items: [Item]?
            var LastEvaluatedKey: Item?
        }
        var items: [Item] = []
        var startKey: Item?
        var pages = 0
        repeat {
            var input: [String: Input] = ["TableName": .string(table), "ConsistentRead": .bool(consistentRead)]
            if let startKey { input["ExclusiveStartKey"] = .item(startKey) }
            let output: Output = try await call("Scan", input)
            items += output.Items ?? []
            startKey = output.LastEvaluatedKey.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while startKey != nil && pages < 1000
        return items
    }

    /// One item by its key, read consistently; nil when there is none.
    public func getItem(table: String, key: Item) async throws -> Item? {
        struct Output: Decodable { var Item: DynamoDBClient.Item? }
        let output: Output = try await call(
            "GetItem", ["TableName": .string(table), "Key": .item(key), "ConsistentRead": .bool(true)])
        return output.Item
    }

    /// Writes an item; with a condition, fails with `ConditionalCheckFailedException` unless it holds.
    public func putItem(table: String, item: Item, condition: Expression? = nil) async throws {
        var input: [String: Input] = ["TableName": .string(table), "Item": .item(item)]
        Self.add(condition: condition, to: &input)
        let _: Empty = try await call("PutItem", input)
    }

    /// Updates an item and returns it as it is after the update.
    public func updateItem(table: String, key: Item, update: Expression, condition: Expression? = nil) async throws -> Item {
        struct Output: Decodable { var Attributes: DynamoDBClient.Item? }
        var input: [String: Input] = [
            "TableName": .string(table), "Key": .item(key), "ReturnValues": .string("ALL_NEW"),
            "UpdateExpression": .string(update.text),
        ]
        Self.add(update: update, condition: condition, to: &input)
        let output: Output = try await call("UpdateItem", input)
        return output.Attributes ?? [:]
    }

    /// Deletes an item; deleting one that is not there succeeds unless a condition says otherwise.
    public func deleteItem(table: String, key: Item, condition: Expression? = nil) async throws {
        var input: [String: Input] = ["TableName": .string(table), "Key": .item(key)]
        Self.add(condition: condition, to: &input)
        let _: Empty = try await call("DeleteItem", input)
    }

    /// Applies every write or none. A failed condition throws `TransactionCanceled` with one reason
    /// per write, in order (`None` for the writes that were not at fault).
    public func transactWrite(_ writes: [TransactionWrite]) async throws {
        let items: [Input] = writes.map { write in
            switch write {
            case .put(let table, let item, let condition):
                var body: [String: Input] = ["TableName": .string(table), "Item": .item(item)]
                Self.add(condition: condition, to: &body)
                return .object(["Put": .object(body)])
            case .update(let table, let key, let update, let condition):
                var body: [String: Input] = [
                    "TableName": .string(table), "Key": .item(key), "UpdateExpression": .string(update.text),
                ]
                Self.add(update: update, condition: condition, to: &body)
                return .object(["Update": .object(body)])
            case .delete(let table, let key, let condition):
                var body: [String: Input] = ["TableName": .string(table), "Key": .item(key)]
                Self.add(condition: condition, to: &body)
                return .object(["Delete": .object(body)])
            case .conditionCheck(let table, let key, let condition):
                var body: [String: Input] = ["TableName": .string(table), "Key": .item(key)]
                Self.add(condition: condition, to: &body)
                return .object(["ConditionCheck": .object(body)])
            }
        }
        do {
            let _: Empty = try await call("TransactWriteItems", ["TransactItems": .list(items)])
        } catch let error as AWSError where error.code == "TransactionCanceledException" {
            guard case .service(_, _, let message, _) = error else { throw error }
            throw TransactionCanceled(reasons: Self.cancellationReasons(message), message: message)
        }
    }

    /// A cancelled transaction and why, write by write.
    public struct TransactionCanceled: Error, Sendable, Equatable, CustomStringConvertible {
        /// One code per write (`ConditionalCheckFailed`, `TransactionConflict`, `None`, ...).
        public var reasons: [String]
        public var message: String
        public var description: String { "DynamoDB transaction cancelled: \(message)" }

        public init(reasons: [String], message: String) {
            self.reasons = reasons
            self.message = message
        }

        /// Whether the write at `index` failed its condition.
        public func conditionFailed(at index: Int) -> Bool {
            reasons.indices.contains(index) && reasons[index] == "ConditionalCheckFailed"
        }
    }

    /// The reason list AWS (and moto) put at the end of the cancellation message:
    /// `... specific reasons [ConditionalCheckFailed, None]`.
    static func cancellationReasons(_ message: String) -> [String] {
        guard let open = message.lastIndex(of: "["), let close = message.lastIndex(of: "]"), open < close else { return [] }
        return message[message.index(after: open)..<close].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    private static func add(condition: Expression?, to input: inout [String: Input]) {
        guard let condition else { return }
        input["ConditionExpression"] = .string(condition.text)
        merge(names: condition.names, values: condition.values, into: &input)
    }

    private static func add(update: Expression, condition: Expression?, to input: inout [String: Input]) {
        merge(names: update.names, values: update.values, into: &input)
        add(condition: condition, to: &input)
    }

    private static func merge(names: [String: String], values: Item, into input: inout [String: Input]) {
        if !names.isEmpty {
            var all: [String: String] = [:]
            if case .names(let existing) = input["ExpressionAttributeNames"] { all = existing }
            all.merge(names) { first, _ in first }
            input["ExpressionAttributeNames"] = .names(all)
        }
        if !values.isEmpty {
            var all: Item = [:]
            if case .item(let existing) = input["ExpressionAttributeValues"] { all = existing }
            all.merge(values) { first, _ in first }
            input["ExpressionAttributeValues"] = .item(all)
        }
    }

    private func call<Output: Decodable>(_ operation: String, _ input: [String: Input]) async throws -> Output {
        try await client.json(
            .dynamoDB, targetPrefix: "DynamoDB_20120810", operation: operation, jsonVersion: "1.0", input: input)
    }

    private struct Empty: Decodable {}

    /// The request body: JSON built from strings, booleans, items and nested lists and objects.
    indirect enum Input: Encodable, Sendable {
        case string(String)
        case bool(Bool)
        case item(Item)
        case names([String: String])
        case list([Input])
        case object([String: Input])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let s): try container.encode(s)
            case .bool(let b): try container.encode(b)
            case .item(let i): try container.encode(i)
            case .names(let n): try container.encode(n)
            case .list(let l): try container.encode(l)
            case .object(let o): try container.encode(o)
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
