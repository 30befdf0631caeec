/// Why a bearer token was refused. The messages name the rule that failed and never repeat the token.
public enum AuthError: Error, Hashable, Sendable {
    case missingToken
    case tokenTooLarge(limit: Int)
    case malformed(String)
    case unsupportedAlgorithm(String)
    case missingKeyID
    case unknownKey
    case algorithmMismatch
    case badSignature
    case wrongIssuer
    case wrongAudience
    case expired
    case notYetValid
    case issuedInFuture
    case missingClaim(String)
    case keysUnavailable

    /// A short, log-safe explanation.
    public var message: String {
        switch self {
        case .missingToken: "a bearer token is required"
        case .tokenTooLarge(let limit): "the token is longer than \(limit) bytes"
        case .malformed(let what): "the token is malformed: \(what)"
        case .unsupportedAlgorithm(let alg): "the token algorithm '\(alg)' is not accepted"
        case .missingKeyID: "the token header has no key id"
        case .unknownKey: "the token is signed with an unknown key"
        case .algorithmMismatch: "the token algorithm does not match its key"
        case .badSignature: "the token signature is invalid"
        case .wrongIssuer: "the token issuer is not trusted"
        case .wrongAudience: "the token is not meant for this API"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not valid yet"
        case .issuedInFuture: "the token is issued in the future"
        case .missingClaim(let claim): "the token has no '\(claim)' claim"
        case .keysUnavailable: "the issuer's signing keys cannot be fetched"
        }
    }
}
