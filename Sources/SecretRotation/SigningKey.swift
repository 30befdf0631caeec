import Crypto
import CryptoExtras
import Foundation

/// The signing-key secret: the key that signs now and the public halves still to be published.
public struct SigningKeySecret: Sendable, Equatable, Codable {
    /// A private key in PEM with its key id and algorithm.
    public struct Key: Sendable, Equatable, Codable {
        public var kid: String
        public var algorithm: SigningAlgorithm
        public var privateKeyPEM: String
    }

    /// A retired signing key's public half, published until `retireAfter` (seconds since 1970).
    public struct Published: Sendable, Equatable, Codable {
        public var jwk: [String: String]
        public var retireAfter: Double
    }

    /// The key tokens are signed with; nil before the first rotation.
    public var key: Key?
    public var previous: [Published] = []

    public init(key: Key?, previous: [Published] = []) {
        self.key = key
        self.previous = previous
    }

    static func decode(_ value: String, secret: String) throws -> SigningKeySecret {
        do {
            return try JSONDecoder().decode(SigningKeySecret.self, from: Data(value.utf8))
        } catch {
            throw RotationError.malformedValue(secret: secret, detail: "not a signing-key secret (key, previous)")
        }
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// The two JWS algorithms the platform's verifiers accept.
public enum SigningAlgorithm: String, Sendable, Codable {
    case es256 = "ES256"
    case rs256 = "RS256"
}

extension SigningKeySecret.Key {
    /// A new key pair with a random key id.
    static func generate(_ algorithm: SigningAlgorithm) throws -> Self {
        let pem: String
        switch algorithm {
        case .es256: pem = P256.Signing.PrivateKey().pemRepresentation
        case .rs256: pem = try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        }
        return Self(kid: UUID().uuidString.lowercased(), algorithm: algorithm, privateKeyPEM: pem)
    }

    /// The public half as a JWK, the form the JWKS publishes.
    public func publicJWK() throws -> [String: String] {
        var jwk = ["kid": kid, "alg": algorithm.rawValue, "use": "sig"]
        switch algorithm {
        case .es256:
            let raw = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM).publicKey.rawRepresentation
            jwk["kty"] = "EC"
            jwk["crv"] = "P-256"
            jwk["x"] = Self.base64URL(raw.prefix(32))
            jwk["y"] = Self.base64URL(raw.suffix(32))
        case .rs256:
            let primitives = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM).publicKey.getKeyPrimitives()
            jwk["kty"] = "RSA"
            jwk["n"] = Self.base64URL(primitives.modulus)
            jwk["e"] = Self.base64URL(primitives.publicExponent)
        }
        return jwk
    }

    /// A compact JWS over `claims`, signed with this key.
    public func sign(claims: [String: Any]) throws -> String {
        let header = try JSONSerialization.data(
            withJSONObject: ["alg": algorithm.rawValue, "typ": "JWT", "kid": kid], options: [.sortedKeys])
        let payload = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        let input = Self.base64URL(header) + "." + Self.base64URL(payload)
        let signature: Data
        switch algorithm {
        case .es256:
            signature = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM).signature(for: Data(input.utf8)).rawRepresentation
        case .rs256:
            signature = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
                .signature(for: Data(input.utf8), padding: .insecurePKCS1v1_5).rawRepresentation
        }
        return input + "." + Self.base64URL(signature)
    }

    static func base64URL(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
