import Foundation
import PlinthAWS

/// Which strategy rotates which secret, as the function receives it (rendered from platform.yaml
/// into the function's environment, so the function holds no list of its own).
public struct RotationConfiguration: Sendable, Equatable, Codable {
    /// One secret's strategy and its parameters.
    public struct Secret: Sendable, Equatable, Codable {
        public enum Strategy: String, Sendable, Codable {
            case postgresSingleLogin = "postgres-single-login"
            case postgresAlternatingLogins = "postgres-alternating-logins"
            case signingKey = "signing-key"
            case auth0ClientSecret = "auth0-client-secret"
        }

        public var strategy: Strategy
        /// Signing keys: the algorithm of new keys.
        public var algorithm: SigningAlgorithm?
        /// Signing keys: `s3://bucket/key` of the JWKS.
        public var jwks: String?
        /// Signing keys: the longest lifetime of a token, in seconds.
        public var maxTokenLifetimeSeconds: Int?

        public init(strategy: Strategy, algorithm: SigningAlgorithm? = nil, jwks: String? = nil, maxTokenLifetimeSeconds: Int? = nil) {
            self.strategy = strategy
            self.algorithm = algorithm
            self.jwks = jwks
            self.maxTokenLifetimeSeconds = maxTokenLifetimeSeconds
        }
    }

    /// Strategies by secret name.
    public var secrets: [String: Secret]
    /// PEM bundle of the CAs database certificates must chain to; nil trusts the system store.
    public var caBundlePath: String?

    public init(secrets: [String: Secret], caBundlePath: String? = nil) {
        self.secrets = secrets
        self.caBundlePath = caBundlePath
    }

    /// Reads the JSON form (the function's `PLINTH_ROTATION_CONFIG`).
    public static func decode(_ json: String) throws -> RotationConfiguration {
        try JSONDecoder().decode(RotationConfiguration.self, from: Data(json.utf8))
    }

    /// The strategy for a secret, looked up by its name.
    public func strategy(for secret: SecretsManagerClient.Description) throws -> any RotationStrategy {
        guard let entry = secrets[secret.name] else { throw RotationError.noStrategy(secret: secret.name) }
        switch entry.strategy {
        case .postgresSingleLogin:
            return PostgresSingleLoginStrategy(connector: try PostgresConnector(caBundlePath: caBundlePath))
        case .postgresAlternatingLogins:
            return PostgresAlternatingLoginsStrategy(connector: try PostgresConnector(caBundlePath: caBundlePath))
        case .signingKey:
            guard let algorithm = entry.algorithm, let location = entry.jwks, let publication = JWKSPublication(url: location),
                let lifetime = entry.maxTokenLifetimeSeconds
            else {
                throw RotationError.malformedValue(
                    secret: secret.name, detail: "signing-key rotation needs algorithm, jwks (s3://bucket/key) and maxTokenLifetimeSeconds")
            }
            return SigningKeyStrategy(algorithm: algorithm, publication: publication, maximumTokenLifetime: TimeInterval(lifetime))
        case .auth0ClientSecret:
            return Auth0ClientSecretStrategy()
        }
    }
}
