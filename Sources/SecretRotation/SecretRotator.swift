import PlinthAWS

/// Runs Secrets Manager's four rotation steps for one event, moving staging labels only when the
/// step before has succeeded.
///
/// Every step first reads where the labels are, so a step repeated after a crash finds its work
/// done and returns: a version that is already `AWSCURRENT` needs nothing, a pending version
/// that already holds a value is not regenerated, and `finishSecret` completes a half-finished
/// label move. A token that is not the pending version is refused before anything is changed.
public struct SecretRotator: Sendable {
    public static let current = "AWSCURRENT"
    public static let pending = "AWSPENDING"
    public static let previous = "AWSPREVIOUS"

    public let secrets: SecretsManagerClient
    let strategy: @Sendable (SecretsManagerClient.Description) throws -> any RotationStrategy

    /// - Parameter strategy: the strategy for a secret, chosen from its name or ARN.
    public init(
        secrets: SecretsManagerClient, strategy: @escaping @Sendable (SecretsManagerClient.Description) throws -> any RotationStrategy
    ) {
        self.secrets = secrets
        self.strategy = strategy
    }

    /// The rotator for the secrets a configuration names.
    public init(secrets: SecretsManagerClient, configuration: RotationConfiguration) {
        self.init(secrets: secrets) { try configuration.strategy(for: $0) }
    }

    public func handle(_ event: RotationEvent) async throws {
        let secret = event.secretID
        let description = try await secrets.describeSecret(id: secret)
        guard description.rotationEnabled == true else { throw RotationError.rotationNotEnabled(secret: secret) }
        let pendingVersion = description.version(withStage: Self.pending)
        guard let stages = description.versionIDsToStages[event.token] else {
            if let pendingVersion { throw RotationError.rotationInProgress(secret: secret, pending: pendingVersion, token: event.token) }
            throw RotationError.unknownVersion(secret: secret, token: event.token)
        }
        if stages.contains(Self.current) {
            // Already rotated; only the final label clean-up may be left over from a crash.
            if stages.contains(Self.pending) {
                try await secrets.updateSecretVersionStage(id: secret, stage: Self.pending, removeFrom: event.token)
            }
            return
        }
        guard stages.contains(Self.pending) else {
            if let pendingVersion {
                throw RotationError.rotationInProgress(secret: secret, pending: pendingVersion, token: event.token)
            }
            throw RotationError.notPending(secret: secret, token: event.token)
        }
        let strategy = try self.strategy(description)
        let context = RotationContext(secretID: secret, secrets: secrets)
        do {
            switch event.step {
            case .createSecret:
                try await create(event, strategy: strategy, context: context)
            case .setSecret:
                let pendingValue = try await value(of: secret, token: event.token)
                try await strategy.setPending(
                    pending: pendingValue, current: try await currentValue(of: secret),
                    previous: try await previousValue(of: secret, description: description), context: context)
            case .testSecret:
                try await strategy.testPending(pending: try await value(of: secret, token: event.token), context: context)
            case .finishSecret:
                if let current = description.version(withStage: Self.current) {
                    try await secrets.updateSecretVersionStage(id: secret, stage: Self.current, moveTo: event.token, removeFrom: current)
                }
                try await secrets.updateSecretVersionStage(id: secret, stage: Self.pending, removeFrom: event.token)
            }
        } catch let error as RotationError {
            throw error
        } catch let error as AWSError {
            throw error
        } catch {
            throw RotationError.strategyFailed(secret: secret, step: event.step, detail: String(describing: error))
        }
    }

    private func create(_ event: RotationEvent, strategy: any RotationStrategy, context: RotationContext) async throws {
        if try await existingValue(of: event.secretID, token: event.token) != nil { return }
        let pendingValue = try await strategy.makePending(current: try await currentValue(of: event.secretID), context: context)
        try await secrets.putSecretValue(id: event.secretID, token: event.token, secretString: pendingValue, versionStages: [Self.pending])
    }

    private func currentValue(of secret: String) async throws -> String {
        guard let value = try await secrets.getSecretValue(id: secret, versionStage: Self.current).secretString else {
            throw RotationError.noCurrentValue(secret: secret)
        }
        return value
    }

    private func previousValue(of secret: String, description: SecretsManagerClient.Description) async throws -> String? {
        guard description.version(withStage: Self.previous) != nil else { return nil }
        return try await secrets.getSecretValue(id: secret, versionStage: Self.previous).secretString
    }

    /// The pending version's value, or nil when `createSecret` has not stored it yet. AWS answers
    /// ResourceNotFoundException for a version without a value; moto answers without `SecretString`.
    private func existingValue(of secret: String, token: String) async throws -> String? {
        do {
            return try await secrets.getSecretValue(id: secret, versionID: token, versionStage: Self.pending).secretString
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            return nil
        }
    }

    private func value(of secret: String, token: String) async throws -> String {
        guard let value = try await existingValue(of: secret, token: token) else {
            throw RotationError.malformedValue(secret: secret, detail: "pending version \(token) has no value; run createSecret first")
        }
        return value
    }
}
