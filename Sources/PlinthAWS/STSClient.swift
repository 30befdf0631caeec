/// STS GetCallerIdentity: the cheapest signed call, used to check that an endpoint answers as AWS.
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Identity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userID: String
    }

    public func getCallerIdentity() async throws -> Identity {
        let root = try await client.query(.sts, action: "GetCallerIdentity", version: "2011-06-15")
        guard let result = root.child("GetCallerIdentityResult"), let account = result.string("Account") else {
            throw AWSError.malformedResponse(service: "sts", detail: "GetCallerIdentity: no Account in the answer")
        }
        return Identity(account: account, arn: result.string("Arn") ?? "", userID: result.string("UserId") ?? "")
    }
}
