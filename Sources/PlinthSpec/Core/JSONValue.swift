/// A JSON document with ordered object keys. Plinth writes JSON that people diff and CI compares
/// byte for byte (schemas, Terraform stacks, reports), so key order and formatting are fixed here
/// instead of depending on a serializer's choices.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Looks up a key of an object; nil for other kinds.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Pretty-printed with two-space indentation and a trailing newline, stable across runs.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    /// True exactly when both values render to the same text (`rendered()` and `compact()` alike),
    /// without writing either out: comparing two large renders this way costs a fraction of
    /// rendering them. Unlike `==`, strings compare byte for byte (as files on disk do, where `==`
    /// takes canonically equivalent Unicode as equal), and numbers by the text they render to (an
    /// integral `.double` writes like the `.int`, a non-finite one like `null`).
    public func rendersSame(as other: JSONValue) -> Bool {
        switch (self, other) {
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.array(a), .array(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.rendersSame(as: $1) }
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0.utf8.elementsEqual($1.0.utf8) && $0.1.rendersSame(as: $1.1) }
        case (.null, _), (.int, _), (.double, _):
            return Self.isNumberOrNull(other) && compact() == other.compact()
        default: return false
        }
    }

    private static func isNumberOrNull(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .int, .double: true
        default: false
        }
    }

    /// Compact single-line form, for machine output such as `--format json` lines.
    public func compact() -> String {
        var out = ""
        writeCompact(to: &out)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .array(let items) where !items.isEmpty:
            out.append("[\n")
            for (offset, item) in items.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                item.write(to: &out, indent: indent + 1)
                out.append(offset == items.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("]")
        case .object(let pairs) where !pairs.isEmpty:
            out.append("{\n")
            for (offset, pair) in pairs.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                Self.writeString(pair.0, to: &out)
                out.append(": ")
                pair.1.write(to: &out, indent: indent + 1)
                out.append(offset == pairs.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("}")
        default:
            writeCompact(to: &out)
        }
    }

    private func writeCompact(to out: inout String) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .int(let value): out.append(String(value))
        case .double(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                out.append(String(Int(value)))
            } else {
                out.append(value.isFinite ? String(value) : "null")
            }
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let items):
            out.append("[")
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(",") }
                item.writeCompact(to: &out)
            }
            out.append("]")
        case .object(let pairs):
            out.append("{")
            for (offset, pair) in pairs.enumerated() {
                if offset > 0 { out.append(",") }
                Self.writeString(pair.0, to: &out)
                out.append(":")
                pair.1.writeCompact(to: &out)
            }
            out.append("}")
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        out.append("\"")
        // Most strings need no escape: append them whole (scalar by scalar was most of writing a stack).
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out.append(value)
            out.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}
