/// Why a rotation step refused to run or failed; the message names the secret and the versions involved.
public enum RotationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Secrets Manager does not have rotation turned on for the secret.
    case rotationNotEnabled(secret: String)
    /// The token names no version of the secret.
    case unknownVersion(secret: String, token: String)
    /// The token's version exists but is neither pending nor current.
    case notPending(secret: String, token: String)
    /// Another version carries `AWSPENDING`: an earlier rotation has not finished.
    case rotationInProgress(secret: String, pending: String, token: String)
    /// The secret has no `AWSCURRENT` value to rotate from.
    case noCurrentValue(secret: String)
    /// The value does not have the shape the secret's strategy needs.
    case malformedValue(secret: String, detail: String)
    /// No strategy is configured for the secret.
    case noStrategy(secret: String)
    /// The strategy's own work (database, key publication) failed.
    case strategyFailed(secret: String, step: RotationEvent.Step, detail: String)

    public var description: String {
        switch self {
        case .rotationNotEnabled(let secret):
            return "\(secret): rotation is not enabled on the secret"
        case .unknownVersion(let secret, let token):
            return "\(secret): token \(token) is not a version of the secret"
        case .notPending(let secret, let token):
            return "\(secret): version \(token) is not staged as AWSPENDING; refusing to rotate it"
        case .rotationInProgress(let secret, let pending, let token):
            return "\(secret): another rotation is in progress (version \(pending) is AWSPENDING); refusing token \(token)"
        case .noCurrentValue(let secret):
            return "\(secret): no AWSCURRENT value"
        case .malformedValue(let secret, let detail):
            return "\(secret): malformed secret value: \(detail)"
        case .noStrategy(let secret):
            return "\(secret): no rotation strategy configured for this secret"
        case .strategyFailed(let secret, let step, let detail):
            return "\(secret): \(step.rawValue) failed: \(detail)"
        }
    }
}
