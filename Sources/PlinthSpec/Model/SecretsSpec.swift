public struct SecretsSpec: SpecObject {
    public var kmsKeys: [KMSKeySpec] = []
    public var secrets: [SecretSpec] = []
    public var parameters: [ParameterSpec] = []

    public init() {}
    public static let documentation = "Where secrets and configuration live. Names and policies only: a value never appears here."
    public static var fields: [SpecField<SecretsSpec>] {
        [
            .required("kmsKeys", \.kmsKeys, "One customer-managed key per environment."),
            .required("secrets", \.secrets, "Secrets Manager secrets."),
            .required("parameters", \.parameters, "Parameter Store parameters."),
        ]
    }
}

public struct KMSKeySpec: SpecObject {
    public var environment: Name = ""
    public var alias = ""
    public var rotationDays = 365

    public init() {}
    public static let documentation = "An environment's customer-managed KMS key."
    public static var fields: [SpecField<KMSKeySpec>] {
        [
            .required("environment", \.environment, "Environment the key belongs to."),
            .required("alias", \.alias, "Key alias, starting with 'alias/'."),
            .required("rotationDays", \.rotationDays, "Automatic key rotation period (90 to 2560 days)."),
        ]
    }
}

public struct SecretSpec: SpecObject {
    public var name = ""
    public var environment: Name = ""
    public var owner = ""
    public var description = ""
    public var rotation = RotationSpec()
    public var readers: [String] = []

    public init() {}
    public static let documentation = "A Secrets Manager secret: its name, owner and rotation; never its value."
    public static var fields: [SpecField<SecretSpec>] {
        [
            .required("name", \.name, "Secret name, '<environment>/<service>/<purpose>'."),
            .required("environment", \.environment, "Environment whose KMS key encrypts it."),
            .required("owner", \.owner, "Team that owns the secret."),
            .required("description", \.description, "What the secret is for."),
            .required("rotation", \.rotation, "How and how often it rotates."),
            .defaulted("readers", \.readers, default: [], "Workload roles allowed to read it."),
        ]
    }
}

public struct RotationSpec: SpecObject {
    public var kind: RotationKind = .rdsNative
    public var scheduleDays = 30
    public var function: Name?
    public var strategy: RotationStrategyKind?
    public var signingKey: SigningKeyRotationSpec?

    public init() {}
    public static let documentation = "Secret rotation."
    public static var fields: [SpecField<RotationSpec>] {
        [
            .required("kind", \.kind, "rds-native for RDS-managed master secrets; function for the rotation service."),
            .required("scheduleDays", \.scheduleDays, "Days between rotations (1 to 365)."),
            .optional("function", \.function, "Rotation function name (kind: function)."),
            .optional("strategy", \.strategy, "What the rotation function does with the secret (kind: function)."),
            .optional("signingKey", \.signingKey, "Key type and JWKS publication (strategy: signing-key)."),
        ]
    }
}

/// How the rotation function rotates a secret; the function reads it from its configuration.
public enum RotationStrategyKind: String, SpecEnum {
    /// One PostgreSQL login whose password changes in place.
    case postgresSingleLogin = "postgres-single-login"
    /// Two PostgreSQL logins in one owner role, changed in turn, so the current one never breaks.
    case postgresAlternatingLogins = "postgres-alternating-logins"
    /// A token-signing key pair published in a JWKS before use.
    case signingKey = "signing-key"
    /// An Auth0 application's client secret, through the Management API.
    case auth0ClientSecret = "auth0-client-secret"
}

public struct SigningKeyRotationSpec: SpecObject {
    public var algorithm: SigningKeyAlgorithm = .es256
    public var jwks = ""
    public var maxTokenLifetimeSeconds = 3600

    public init() {}
    public static let documentation = "A signing key's algorithm, where its JWKS is published and how long its tokens live."
    public static var fields: [SpecField<SigningKeyRotationSpec>] {
        [
            .required("algorithm", \.algorithm, "Algorithm of new keys."),
            .required("jwks", \.jwks, "Where the JWKS is published: s3://bucket/key, served as the issuer's JWKS URL."),
            .required(
                "maxTokenLifetimeSeconds", \.maxTokenLifetimeSeconds,
                "Longest lifetime of a signed token: a replaced key stays published this long."),
        ]
    }
}

public enum SigningKeyAlgorithm: String, SpecEnum {
    case es256 = "ES256"
    case rs256 = "RS256"
}

public enum RotationKind: String, SpecEnum {
    case rdsNative = "rds-native"
    case function
}

public struct ParameterSpec: SpecObject {
    public var name = ""
    public var environment: Name = ""
    public var type: ParameterType = .string
    public var description = ""

    public init() {}
    public static let documentation = "A Parameter Store parameter (configuration, not secrets)."
    public static var fields: [SpecField<ParameterSpec>] {
        [
            .required("name", \.name, "Parameter path, '/<platform>/<environment>/...'."),
            .required("environment", \.environment, "Environment the parameter configures."),
            .required("type", \.type, "Parameter type; SecureString uses the environment's KMS key."),
            .required("description", \.description, "What it configures."),
        ]
    }
}

public enum ParameterType: String, SpecEnum {
    case string = "String"
    case stringList = "StringList"
    case secureString = "SecureString"
}
