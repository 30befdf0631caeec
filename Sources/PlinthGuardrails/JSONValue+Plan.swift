import Foundation
import PlinthSpec

extension JSONValue {
    /// Converts what JSONSerialization produced; nil for anything JSON cannot hold.
    static func from(foundation value: Any) -> JSONValue? {
        switch value {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber:
            // objCType tells booleans ("c"/"B") and floating point ("d"/"f") from integers.
            let kind = String(cString: number.objCType)
            if kind == "c" || kind == "B" { return .bool(number.boolValue) }
            if kind == "d" || kind == "f" {
                let double = number.doubleValue
                return double == double.rounded() && abs(double) < 1e15 ? .int(Int(double)) : .double(double)
            }
            return .int(number.intValue)
        case let array as [Any]:
            var items: [JSONValue] = []
            for item in array {
                guard let converted = from(foundation: item) else { return nil }
                items.append(converted)
            }
            return .array(items)
        case let object as [String: Any]:
            var pairs: [(String, JSONValue)] = []
            for key in object.keys.sorted() {
                guard let item = object[key], let converted = from(foundation: item) else { return nil }
                pairs.append((key, converted))
            }
            return .object(pairs)
        default: return nil
        }
    }

    /// Parses JSON text; nil when it is not JSON.
    static func parse(_ data: Data) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return from(foundation: object)
    }

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
