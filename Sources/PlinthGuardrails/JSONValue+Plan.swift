import Foundation
import PlinthSpec

extension JSONValue {
    /// Parses JSON text; nil when it is not one complete JSON value.
    static func parse(_ data: Data) -> JSONValue? { JSONReader.parse([UInt8](data)) }

    var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }
    var intValue: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): Int(value)
        default: nil
        }
    }
    var arrayValue: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    var objectPairs: [(String, JSONValue)] { if case .object(let pairs) = self { pairs } else { [] } }
    /// The first element of a nested block list (Terraform renders blocks as one-element lists).
    var block: JSONValue? { arrayValue.first }
    /// A non-empty string.
    var isSet: Bool { (stringValue.map { !$0.isEmpty }) ?? false }
}
