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
