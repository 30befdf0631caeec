import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A token issuer that lives inside a test or a demo: signing keys are generated when it is created,
/// its JWKS is served on 127.0.0.1, and it signs whatever claims it is given, including the
/// malformed tokens security tests need.
public final class LocalIssuer: Sendable {
    public enum KeyKind: Sendable { case rsa, ec }

    struct SigningKey: Sendable {
        let kid: String
        let kind: KeyKind
        let rsa: _RSA.Signing.PrivateKey?
        let ec: P256.Signing.PrivateKey?
    }

    public let audience: String
    public let namespace: String
    private let keys = Mutex<[SigningKey]>([])
    private let served = Mutex<(port: Int?, task: Task<Void, any Error>?)>((nil, nil))
    private let jwksRequests = Atomic<Int>(0)

    /// Creates one RSA (kid `rsa-1`) and one P-256 (kid `ec-1`) key.
    public init(audience: String = "https://api.plinth.test", namespace: String = "https://plinth.test/claims") throws {
        self.audience = audience
        self.namespace = namespace
        _ = try addKey(.rsa, kid: "rsa-1")
        _ = try addKey(.ec, kid: "ec-1")
    }

    /// Adds a key (as a rotation would) and returns its kid.
    @discardableResult
    public func addKey(_ kind: KeyKind, kid: String) throws -> String {
        let key =
            switch kind {
            case .rsa: SigningKey(kid: kid, kind: .rsa, rsa: try _RSA.Signing.PrivateKey(keySize: .bits2048), ec: nil)
            case .ec: SigningKey(kid: kid, kind: .ec, rsa: nil, ec: P256.Signing.PrivateKey())
            }
        keys.withLock { $0.append(key) }
        return kid
    }

    /// The issuer URL (`iss`), available once `start()` has returned.
    public var issuer: String { "http://127.0.0.1:\(served.withLock { $0.port } ?? 0)/" }
    public var jwksURL: String { "\(issuer).well-known/jwks.json" }
    /// How many times the JWKS was served.
    public var jwksRequestCount: Int { jwksRequests.load(ordering: .relaxed) }

    /// The public keys as a JWKS document, each with its `alg`.
    public func jwks() throws -> Data {
        let list: [[String: String]] = try keys.withLock { keys in
            try keys.map { key in
                if let rsa = key.rsa {
                    let primitives = try rsa.publicKey.getKeyPrimitives()
                    return [
                        "kty": "RSA", "kid": key.kid, "use": "sig", "alg": "RS256",
                        "n": Self.base64URL(primitives.modulus), "e": Self.base64URL(primitives.publicExponent),
                    ]
                }
                let raw = key.ec?.publicKey.rawRepresentation ?? Data()
                return [
                    "kty": "EC", "kid": key.kid, "use": "sig", "alg": "ES256", "crv": "P-256",
                    "x": Self.base64URL(raw.prefix(32)), "y": Self.base64URL(raw.suffix(32)),
                ]
            }
        }
        return try JSONSerialization.data(withJSONObject: ["keys": list], options: [.sortedKeys])
    }

    /// Serves the JWKS at `/.well-known/jwks.json` on 127.0.0.1 and a free port.
    public func start() async throws {
        let router = Router()
        router.get(".well-known/jwks.json") { _, _ -> Response in
            self.jwksRequests.add(1, ordering: .relaxed)
            let data = try self.jwks()
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let (port, task) = await LoopbackServer.start(router, label: "local-issuer")
        served.withLock { $0 = (port, task) }
    }

    /// Stops the JWKS server.
    public func stop() {
        served.withLock { $0.task?.cancel() }
    }

    /// A standard set of claims for a user of `clinic` with `roles`, valid for an hour from `now`.
    public func userClaims(subject: String, roles: [String], clinic: String?, now: Date = Date()) -> [String: Any] {
        var claims = baseClaims(subject: subject, now: now)
        claims["\(namespace)/roles"] = roles
        if let clinic { claims["\(namespace)/clinic_id"] = clinic }
        return claims
    }

    /// Claims of a client-credentials token with `scopes`.
    public func machineClaims(client: String, scopes: [String], now: Date = Date()) -> [String: Any] {
        var claims = baseClaims(subject: "\(client)@clients", now: now)
        claims["gty"] = "client-credentials"
        claims["azp"] = client
        claims["scope"] = scopes.joined(separator: " ")
        return claims
    }

    private func baseClaims(subject: String, now: Date) -> [String: Any] {
        let time = Int(now.timeIntervalSince1970)
        return ["iss": issuer, "aud": [audience], "sub": subject, "iat": time, "nbf": time, "exp": time + 3600]
    }

    /// Signs `claims` with the key `kid` (RS256 for RSA keys, ES256 for EC keys).
    public func sign(_ claims: [String: Any], kid: String = "rsa-1", header extra: [String: Any] = [:]) throws -> String {
        guard let key = keys.withLock({ $0.first { $0.kid == kid } }) else { throw IssuerError.noSuchKey(kid) }
        var header: [String: Any] = ["typ": "JWT", "kid": kid, "alg": key.kind == .rsa ? "RS256" : "ES256"]
        header.merge(extra) { _, new in new }
        let input = try Self.encodeSegment(header) + "." + Self.encodeSegment(claims)
        let signature: Data
        if let rsa = key.rsa {
            signature = try rsa.signature(for: Data(input.utf8), padding: .insecurePKCS1v1_5).rawRepresentation
        } else if let ec = key.ec {
            signature = try ec.signature(for: Data(input.utf8)).rawRepresentation
        } else {
            throw IssuerError.noSuchKey(kid)
        }
        return input + "." + Self.base64URL(signature)
    }

    /// An unsigned token (`alg: none`).
    public func unsigned(_ claims: [String: Any], kid: String = "rsa-1") throws -> String {
        try Self.encodeSegment(["alg": "none", "kid": kid, "typ": "JWT"]) + "." + Self.encodeSegment(claims) + "."
    }

    /// An HS256 token whose HMAC secret is the RSA public key in PEM: the classic algorithm-confusion attack.
    public func hmacWithPublicKey(_ claims: [String: Any], kid: String = "rsa-1") throws -> String {
        guard let rsa = keys.withLock({ $0.first { $0.kid == kid } })?.rsa else { throw IssuerError.noSuchKey(kid) }
        let input = try Self.encodeSegment(["alg": "HS256", "kid": kid, "typ": "JWT"]) + "." + Self.encodeSegment(claims)
        let secret = SymmetricKey(data: Data(rsa.publicKey.pemRepresentation.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: secret)
        return input + "." + Self.base64URL(Data(mac))
    }

    public static func encodeSegment(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public enum IssuerError: Error { case noSuchKey(String) }
}
