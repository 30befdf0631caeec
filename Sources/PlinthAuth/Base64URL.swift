import Foundation

/// Unpadded base64url (RFC 4648 §5), as JWTs and JWKs use it.
enum Base64URL {
    static func decode(_ text: Substring) -> Data? {
        var base64 = String(text).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        switch base64.utf8.count % 4 {
        case 0: break
        case 2: base64 += "=="
        case 3: base64 += "="
        default: return nil
        }
        return Data(base64Encoded: base64)
    }

    static func decode(_ text: String) -> Data? { decode(Substring(text)) }
}
