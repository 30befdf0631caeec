/// Read-back of Secrets Manager: the secrets that exist, with their key and rotation (never values).
public struct SecretsManagerClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Secret: Sendable, Equatable, Decodable {
        public var arn: String
        public var name: String
        public var kmsKeyID: String?
        public var rotationEnabled: Bool?
        enum CodingKeys: String, CodingKey {
            case arn = "ARN", name = "Name", kmsKeyID = "KmsKeyId", rotationEnabled = "RotationEnabled"
        }
    }

    public func listSecrets() async throws -> [Secret] {
        struct Page: Decodable {
            var SecretList: [Secret]?
            var NextToken: String?
        }
        return try await paginate { token in
            let page: Page = try await client.json(
                .secretsManager, targetPrefix: "secretsmanager", operation: "ListSecrets",
                input: ["NextToken": token].compactMapValues { $0 })
            return (page.SecretList ?? [], page.NextToken)
        }
    }
}

// MARK: Rotation

extension SecretsManagerClient {
    /// A secret's metadata as rotation needs it: which version carries which staging labels.
    public struct Description: Sendable, Equatable, Decodable {
        public var arn: String
        public var name: String
        public var rotationEnabled: Bool?
        public var versionIDsToStages: [String: [String]]
        enum CodingKeys: String, CodingKey {
            case arn = "ARN", name = "Name", rotationEnabled = "RotationEnabled", versionIDsToStages = "VersionIdsToStages"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            arn = try container.decode(String.self, forKey: .arn)
            name = try container.decode(String.self, forKey: .name)
            rotationEnabled = try container.decodeIfPresent(Bool.self, forKey: .rotationEnabled)
            versionIDsToStages = try container.decodeIfPresent([String: [String]].self, forKey: .versionIDsToStages) ?? [:]
        }

        /// The version carrying `stage`, if any (a staging label is on at most one version).
        public func version(withStage stage: String) -> String? {
            versionIDsToStages.first { $0.value.contains(stage) }?.key
        }
    }

    /// One version's value.
    public struct Value: Sendable, Equatable, Decodable {
        public var versionID: String
        public var versionStages: [String]
        public var secretString: String?
        enum CodingKeys: String, CodingKey {
            case versionID = "VersionId", versionStages = "VersionStages", secretString = "SecretString"
        }
    }

    public func describeSecret(id: String) async throws -> Description {
        try await client.json(.secretsManager, targetPrefix: "secretsmanager", operation: "DescribeSecret", input: ["SecretId": id])
    }

    /// Reads one version by id, by staging label, or both (then the label must be on that version).
    /// Rotation always names one: which version an unqualified read returns is the service's choice.
    public func getSecretValue(id: String, versionID: String? = nil, versionStage: String? = nil) async throws -> Value {
        try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "GetSecretValue",
            input: ["SecretId": id, "VersionId": versionID, "VersionStage": versionStage].compactMapValues { $0 })
    }

    /// Stores a value as the version `token`, with the given labels; repeating it with the same value is a no-op.
    public func putSecretValue(id: String, token: String, secretString: String, versionStages: [String]) async throws {
        struct Input: Encodable, Sendable {
            var SecretId: String
            var ClientRequestToken: String
            var SecretString: String
            var VersionStages: [String]
        }
        struct Output: Decodable {}
        let _: Output = try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "PutSecretValue",
            input: Input(SecretId: id, ClientRequestToken: token, SecretString: secretString, VersionStages: versionStages))
    }

    /// Moves a staging label: off `removeFrom`, onto `moveTo` (either may be absent).
    public func updateSecretVersionStage(id: String, stage: String, moveTo: String? = nil, removeFrom: String? = nil) async throws {
        struct Output: Decodable {}
        let _: Output = try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "UpdateSecretVersionStage",
            input: ["SecretId": id, "VersionStage": stage, "MoveToVersionId": moveTo, "RemoveFromVersionId": removeFrom]
                .compactMapValues { $0 })
    }

    /// A random password from the service, so the function needs no entropy policy of its own.
    public func getRandomPassword(length: Int, excludeCharacters: String) async throws -> String {
        struct Input: Encodable, Sendable {
            var PasswordLength: Int
            var ExcludeCharacters: String
        }
        struct Output: Decodable { var RandomPassword: String }
        let output: Output = try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "GetRandomPassword",
            input: Input(PasswordLength: length, ExcludeCharacters: excludeCharacters))
        return output.RandomPassword
    }
}
