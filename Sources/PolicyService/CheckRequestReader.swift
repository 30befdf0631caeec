import NIOCore
import PolicyModel

/// Reads the common shape of a `POST /v1/check` body straight from the request bytes, without
/// Foundation's `JSONDecoder` (which dominates the cost of a check on Linux).
///
/// It is a fast path, not a second parser with its own rules: it accepts only a strict subset of
/// what `JSONDecoder` accepts and returns nil for anything else (escapes, non-ASCII text, numbers,
/// unknown or repeated keys, trailing bytes), and the caller then decodes with `JSONDecoder`. So a
/// body is accepted or refused, and decoded, exactly as before.
enum CheckRequestReader {
    /// The request, or nil when the body is not in the subset this reader handles.
    static func read(_ buffer: ByteBuffer) -> CheckRequest? {
        buffer.withUnsafeReadableBytes { bytes in
            var cursor = Cursor(bytes: bytes)
            guard let request = cursor.checkRequest() else { return nil }
            cursor.skipWhitespace()
            return cursor.atEnd ? request : nil
        }
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// Consumes `byte` (after optional whitespace) or reports that it is not next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Consumes `null` if it is next.
        mutating func takeNull() -> Bool {
            skipWhitespace()
            guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
            else { return false }
            index += 4
            return true
        }

        /// A string of printable ASCII without escapes; nil for anything else.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
            }
            return nil
        }

        /// A string or null, for an optional field: `.some(nil)` is null, nil is "not handled".
        mutating func optionalString() -> String?? {
            if takeNull() { return .some(nil) }
            guard let text = string() else { return nil }
            return .some(text)
        }

        /// Walks the members of an object, calling `member` with each key; stops on the first
        /// member the callback refuses. Returns whether the whole object was read.
        mutating func object(_ member: (inout Cursor, String) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            while true {
                guard let key = string(), take(UInt8(ascii: ":")), member(&self, key) else { return false }
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        }

        mutating func checkRequest() -> CheckRequest? {
            var principal: Principal?? = nil
            var action: String?
            var resource: ResourceRef?
            let complete = object { cursor, key in
                switch key {
                case "principal":
                    guard principal == nil else { return false }
                    if cursor.takeNull() {
                        principal = .some(nil)
                        return true
                    }
                    guard let value = cursor.principal() else { return false }
                    principal = .some(value)
                case "action":
                    guard action == nil, let value = cursor.string() else { return false }
                    action = value
                case "resource":
                    guard resource == nil, let value = cursor.resource() else { return false }
                    resource = value
                default:
                    return false
                }
                return true
            }
            guard complete, let action, let resource else { return nil }
            return CheckRequest(principal: principal ?? nil, action: action, resource: resource)
        }

        mutating func resource() -> ResourceRef? {
            var kind: String?
            var id: String??
            var clinicID: String??
            var ownerID: String??
            let complete = object { cursor, key in
                switch key {
                case "kind":
                    guard kind == nil, let value = cursor.string() else { return false }
                    kind = value
                case "id":
                    guard id == nil, let value = cursor.optionalString() else { return false }
                    id = value
                case "clinicID":
                    guard clinicID == nil, let value = cursor.optionalString() else { return false }
                    clinicID = value
                case "ownerID":
                    guard ownerID == nil, let value = cursor.optionalString() else { return false }
                    ownerID = value
                default:
                    return false
                }
                return true
            }
            guard complete, let kind else { return nil }
            return ResourceRef(kind: kind, id: id ?? nil, clinicID: clinicID ?? nil, ownerID: ownerID ?? nil)
        }

        mutating func principal() -> Principal? {
            var subject: String?
            var roles: [String]?
            var clinicID: String??
            let complete = object { cursor, key in
                switch key {
                case "subject":
                    guard subject == nil, let value = cursor.string() else { return false }
                    subject = value
                case "roles":
                    guard roles == nil, let value = cursor.stringArray() else { return false }
                    roles = value
                case "clinicID":
                    guard clinicID == nil, let value = cursor.optionalString() else { return false }
                    clinicID = value
                default:
                    return false
                }
                return true
            }
            guard complete, let subject, let roles else { return nil }
            return Principal(subject: subject, roles: roles, clinicID: clinicID ?? nil)
        }

        mutating func stringArray() -> [String]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var values: [String] = []
            if take(UInt8(ascii: "]")) { return values }
            while true {
                guard let value = string() else { return nil }
                values.append(value)
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? values : nil
            }
        }
    }
}
