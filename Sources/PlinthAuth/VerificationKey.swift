import Crypto
import CryptoExtras
import Foundation

/// A public key from the issuer's JWKS with the one algorithm it may verify.
///
/// The algorithm is pinned when the key is read: an RSA key verifies only RS256 and a P-256 key
/// only ES256, so a token cannot choose `none` or HMAC with the public key as the secret.
public struct VerificationKey: Sendable {
    public enum Algorithm: String, Sendable { case rs256 = "RS256", es256 = "ES256" }

    enum Material: Sendable {
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
    }

    public let keyID: String
    public let algorithm: Algorithm
    let material: Material

    /// Reads one JWK; returns nil for keys this verifier does not use (other types, encryption keys,
    /// an `alg` other than RS256/ES256, RSA keys shorter than 2048 bits).
    init?(jwk: [String: Any]) {
        guard let kid = jwk["kid"] as? String, !kid.isEmpty else { return nil }
        if let use = jwk["use"] as? String, use != "sig" { return nil }
        let declared = jwk["alg"] as? String
        switch jwk["kty"] as? String {
        case "RSA":
            guard declared == nil || declared == "RS256",
                let n = (jwk["n"] as? String).flatMap(Base64URL.decode),
                let e = (jwk["e"] as? String).flatMap(Base64URL.decode),
                let key = try? _RSA.Signing.PublicKey(n: n, e: e), key.keySizeInBits >= 2048
            else { return nil }
            self.init(keyID: kid, algorithm: .rs256, material: .rsa(key))
        case "EC":
            guard declared == nil || declared == "ES256", jwk["crv"] as? String == "P-256",
                let x = (jwk["x"] as? String).flatMap(Base64URL.decode), x.count == 32,
                let y = (jwk["y"] as? String).flatMap(Base64URL.decode), y.count == 32,
                let key = try? P256.Signing.PublicKey(rawRepresentation: x + y)
            else { return nil }
            self.init(keyID: kid, algorithm: .es256, material: .p256(key))
        default:
            return nil
        }
    }

    init(keyID: String, algorithm: Algorithm, material: Material) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.material = material
    }

    /// Checks a JWS signature over `signingInput` (the ASCII `header.payload`).
    func isValidSignature(_ signature: Data, for signingInput: Data) -> Bool {
        switch material {
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput,
                padding: .insecurePKCS1v1_5)
        case .p256(let key):
            guard signature.count == 64, let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else {
                return false
            }
            return key.isValidSignature(parsed, for: signingInput)
        }
    }

    /// Reads every usable key of a JWKS document.
    public static func keys(fromJWKS data: Data) throws(AuthError) -> [String: VerificationKey] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = object["keys"] as? [[String: Any]]
        else { throw .keysUnavailable }
        var keys: [String: VerificationKey] = [:]
        for jwk in list {
            if let key = VerificationKey(jwk: jwk) { keys[key.keyID] = key }
        }
        return keys
    }
}
