import Foundation

/// Verifies RS256/ES256 bearer tokens from one issuer and turns them into principals.
///
/// The order of checks is deliberate: size first (cheap, bounds all later work), then the header
/// (only RS256/ES256, a key id), the key and its pinned algorithm, the signature, and only then the
/// claims, so nothing in an unauthenticated payload is trusted.
public struct TokenVerifier: Sendable {
    public let configuration: VerifierConfiguration
    private let keys: JWKSKeyCache
    private let verified: VerifiedTokenCache

    /// `cacheCapacity` verified tokens are remembered for at most `cacheLifetime` seconds (0 disables it).
    public init(configuration: VerifierConfiguration, keys: JWKSKeyCache, cacheCapacity: Int = 10_000, cacheLifetime: TimeInterval = 60) {
        self.configuration = configuration
        self.keys = keys
        self.verified = VerifiedTokenCache(capacity: cacheCapacity, maximumLifetime: cacheLifetime)
    }

    public func verify(_ token: String, now: Date = Date()) async throws(AuthError) -> AuthenticatedPrincipal {
        guard token.utf8.count <= configuration.maxTokenBytes else {
            throw .tokenTooLarge(limit: configuration.maxTokenBytes)
        }
        if let principal = verified.principal(for: token, now: now) { return principal }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected three dot-separated parts") }
        guard let headerData = Base64URL.decode(parts[0]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any]
        else {
            throw .malformed("the header is not base64url JSON")
        }
        guard let alg = header["alg"] as? String else { throw .malformed("the header has no alg") }
        guard let algorithm = VerificationKey.Algorithm(rawValue: alg) else { throw .unsupportedAlgorithm(alg) }
        guard let kid = header["kid"] as? String, !kid.isEmpty else { throw .missingKeyID }
        guard header["crit"] == nil else { throw .malformed("critical header extensions are not supported") }
        let key = try await keys.key(for: kid, now: now)
        guard key.algorithm == algorithm else { throw .algorithmMismatch }
        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("the signature is not base64url") }
        let signingInput = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard key.isValidSignature(signature, for: signingInput) else { throw .badSignature }
        guard let payloadData = Base64URL.decode(parts[1]),
            let claims = try? JSONDecoder().decode(TokenClaims.self, from: payloadData)
        else {
            throw .malformed("the payload is not base64url JSON with well-typed registered claims")
        }
        let principal = try principal(from: claims, now: now)
        if let exp = claims.exp { verified.store(principal, for: token, expiresAt: exp + configuration.leeway, now: now) }
        return principal
    }

    func principal(from claims: TokenClaims, now: Date) throws(AuthError) -> AuthenticatedPrincipal {
        guard claims.iss == configuration.issuer else { throw .wrongIssuer }
        guard claims.aud.contains(configuration.audience) else { throw .wrongAudience }
        let time = now.timeIntervalSince1970
        guard let exp = claims.exp else { throw .missingClaim("exp") }
        guard time < exp + configuration.leeway else { throw .expired }
        if let nbf = claims.nbf, nbf > time + configuration.leeway { throw .notYetValid }
        guard let iat = claims.iat else { throw .missingClaim("iat") }
        guard iat <= time + configuration.leeway else { throw .issuedInFuture }
        guard let subject = claims.sub, !subject.isEmpty else { throw .missingClaim("sub") }

        let scopes = Set((claims.scope ?? "").split(separator: " ").map(String.init))
        let isMachine = claims.gty == "client-credentials" || subject.hasSuffix("@clients")
        let mapping = configuration.claims
        let roleList = claims.stringLists[mapping.rolesClaim] ?? []
        var clinic = mapping.clinicClaim.flatMap { claims.strings[$0] }
        if clinic == nil, mapping.useOrganization { clinic = claims.strings["org_id"] }
        return AuthenticatedPrincipal(
            subject: subject, roles: isMachine ? [] : roleList, clinicID: isMachine ? nil : clinic,
            scopes: scopes, isMachine: isMachine)
    }
}

/// The payload of a token: registered claims with their JSON types enforced, and every other
/// claim that is a string or a list of strings, by name (namespaced claims are URLs).
struct TokenClaims: Decodable {
    var iss: String?
    var sub: String?
    var aud: [String] = []
    var exp: Double?
    var nbf: Double?
    var iat: Double?
    var scope: String?
    var gty: String?
    var strings: [String: String] = [:]
    var stringLists: [String: [String]] = [:]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        iss = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "iss"))
        sub = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "sub"))
        exp = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "exp"))
        nbf = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "nbf"))
        iat = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "iat"))
        scope = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "scope"))
        gty = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "gty"))
        let audKey = Key(stringValue: "aud")
        if let single = try? container.decode(String.self, forKey: audKey) {
            aud = [single]
        } else {
            aud = try container.decodeIfPresent([String].self, forKey: audKey) ?? []
        }
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) {
                strings[key.stringValue] = text
            } else if let list = try? container.decode([String].self, forKey: key) {
                stringLists[key.stringValue] = list
            }
        }
    }
}
