import Foundation

/// What a token must satisfy to be accepted.
public struct VerifierConfiguration: Sendable {
    /// The exact `iss` value, e.g. `https://login.example.com/`.
    public var issuer: String
    /// The API identifier that `aud` must contain.
    public var audience: String
    /// Clock skew tolerated for `exp`, `nbf` and `iat`.
    public var leeway: TimeInterval
    /// Tokens longer than this are refused before any parsing.
    public var maxTokenBytes: Int
    public var claims: ClaimMapping

    public init(issuer: String, audience: String, claims: ClaimMapping, leeway: TimeInterval = 30, maxTokenBytes: Int = 8192) {
        self.issuer = issuer
        self.audience = audience
        self.claims = claims
        self.leeway = leeway
        self.maxTokenBytes = maxTokenBytes
    }
}
