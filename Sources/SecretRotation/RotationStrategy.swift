import PlinthAWS

/// What differs between kinds of secret: how a new value is made, put into effect and proven.
///
/// The rotator handles labels and idempotency; a strategy only sees values. Every method may be
/// called again after a crash, so each must succeed when its work is already done.
public protocol RotationStrategy: Sendable {
    /// The new value, derived from the current one (`createSecret`).
    func makePending(current: String, context: RotationContext) async throws -> String
    /// Makes the pending value usable without breaking the current one (`setSecret`).
    func setPending(pending: String, current: String, previous: String?, context: RotationContext) async throws
    /// Proves the pending value works before it becomes current (`testSecret`).
    func testPending(pending: String, context: RotationContext) async throws
}

/// What a strategy may use: the secret being rotated and the Secrets Manager client.
public struct RotationContext: Sendable {
    public var secretID: String
    public var secrets: SecretsManagerClient

    public init(secretID: String, secrets: SecretsManagerClient) {
        self.secretID = secretID
        self.secrets = secrets
    }
}
