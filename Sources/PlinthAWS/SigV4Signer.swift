import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4, the scheme every AWS API (and the emulator,
/// which picks the service from the credential scope) uses to authenticate a caller.
///
/// Pure: the time is an argument, so the signature is reproducible and can be checked against an
/// independent implementation.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Returns the request's headers plus `X-Amz-Date`, the session token when there is one, and
    /// `Authorization`. `path` is the decoded path (each segment is encoded here); every header
    /// given is signed, and `host` is added when missing.
    public func sign(_ request: AWSSignableRequest, date: Date) -> [(name: String, value: String)] {
        let stamp = SigV4Timestamp(date)
        var headers = request.headers.filter { $0.name.lowercased() != "authorization" }
        if !headers.contains(where: { $0.name.lowercased() == "host" }) {
            headers.append((name: "host", value: request.host))
        }
        headers.removeAll { $0.name.lowercased() == "x-amz-date" }
        headers.append((name: "X-Amz-Date", value: stamp.dateTime))
        if let token = credentials.sessionToken {
            headers.removeAll { $0.name.lowercased() == "x-amz-security-token" }
            headers.append((name: "X-Amz-Security-Token", value: token))
        }
        let payloadHash =
            request.headers.first { $0.name.lowercased() == "x-amz-content-sha256" }?.value
            ?? Self.hex(SHA256.hash(data: request.body))

        let canonical = canonicalRequest(request, headers: headers, payloadHash: payloadHash)
        let scope = "\(stamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp.dateTime, scope,
            Self.hex(SHA256.hash(data: Array(canonical.request.utf8))),
        ].joined(separator: "\n")
        let signature = Self.hex(
            HMAC<SHA256>.authenticationCode(
                for: Array(stringToSign.utf8), using: signingKey(date: stamp.date)))
        headers.append(
            (
                name: "Authorization",
                value: "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
                    + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
            ))
        return headers
    }

    /// The canonical request text and the signed header list, exposed for diagnostics and tests.
    func canonicalRequest(
        _ request: AWSSignableRequest, headers: [(name: String, value: String)], payloadHash: String
    ) -> (request: String, signedHeaders: String) {
        var byName: [String: [String]] = [:]
        for header in headers {
            byName[header.name.lowercased(), default: []].append(Self.normalizeHeaderValue(header.value))
        }
        let names = byName.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(byName[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        var pairs: [(name: String, value: String)] = request.query.map {
            (name: Self.uriEncode($0.name), value: Self.uriEncode($0.value))
        }
        pairs.sort { (a: (name: String, value: String), b: (name: String, value: String)) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        let query = pairs.map { (pair: (name: String, value: String)) -> String in pair.name + "=" + pair.value }
            .joined(separator: "&")
        let text = [
            request.method, canonicalPath(request.path), query, canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// S3 encodes the path once; every other service signs the encoded path encoded again.
    func canonicalPath(_ path: String) -> String {
        let once = Self.encodePath(path.isEmpty ? "/" : path)
        return service == "s3" ? once : Self.encodePath(once)
    }

    private func signingKey(date: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)))
        }
        let secret = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        return hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request")
    }

    /// Encodes every byte except the RFC 3986 unreserved characters, as SigV4 requires.
    public static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Encodes a path segment by segment, keeping the slashes.
    public static func encodePath(_ path: String) -> String {
        uriEncode(path, keepSlash: true)
    }

    static func normalizeHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// What the signer needs of a request: method, host (with port when not the default), decoded
/// path, query items, headers and body bytes.
public struct AWSSignableRequest: Sendable {
    public var method: String
    public var host: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: String, host: String, path: String = "/",
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// The two UTC renderings of the signing time SigV4 uses (`20260101T000000Z` and `20260101`).
struct SigV4Timestamp {
    let dateTime: String
    let date: String

    init(_ time: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        date = String(format: "%04d%02d%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
        dateTime = date + String(format: "T%02d%02d%02dZ", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
