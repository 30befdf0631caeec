import NIOCore
import PolicyModel

/// Writes a `CheckResponse` as the same bytes `JSONEncoder` with sorted keys produces, straight
/// into a `ByteBuffer`, because encoding is, with decoding, most of the cost of a check on Linux.
///
/// Text with control characters (which only a role name could hold) is left to `JSONEncoder`, so
/// the writer only needs the escapes that are unambiguous: `"`, `\` and `/`.
enum CheckResponseWriter {
    /// The encoded response, or nil when a value needs `JSONEncoder`.
    static func write(_ response: CheckResponse, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer? {
        var buffer = allocator.buffer(capacity: 160)
        buffer.writeStaticString(response.allowed ? #"{"allowed":true,"decision":"# : #"{"allowed":false,"decision":"#)
        guard write(string: response.decision, into: &buffer) else { return nil }
        if let grant = response.grant {
            buffer.writeStaticString(#","grant":{"permission":"#)
            // `resource:action`, written in parts rather than through `description`'s new string.
            buffer.writeStaticString("\"")
            guard writeContent(grant.permission.resource, into: &buffer) else { return nil }
            buffer.writeStaticString(":")
            guard writeContent(grant.permission.action, into: &buffer) else { return nil }
            buffer.writeStaticString("\"")
            buffer.writeStaticString(#","role":"#)
            guard write(string: grant.role, into: &buffer) else { return nil }
            buffer.writeStaticString(#","scope":"#)
            guard write(string: grant.scope.rawValue, into: &buffer) else { return nil }
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString(#","policyVersion":"#)
        buffer.writeString(String(response.policyVersion))
        if let reason = response.reason {
            buffer.writeStaticString(#","reason":"#)
            guard write(string: reason.rawValue, into: &buffer) else { return nil }
        }
        buffer.writeStaticString("}")
        return buffer
    }

    /// Appends `text` as a JSON string; false when it holds a control character.
    private static func write(string text: String, into buffer: inout ByteBuffer) -> Bool {
        buffer.writeStaticString("\"")
        guard writeContent(text, into: &buffer) else { return false }
        buffer.writeStaticString("\"")
        return true
    }

    /// Appends `text` escaped, without the quotes; false when it holds a control character.
    private static func writeContent(_ text: String, into buffer: inout ByteBuffer) -> Bool {
        var plain = true
        for byte in text.utf8 {
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") { plain = false }
        }
        if plain {
            buffer.writeString(text)
        } else {
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
                    buffer.writeInteger(UInt8(ascii: "\\"))
                }
                buffer.writeInteger(byte)
            }
        }
        return true
    }
}
