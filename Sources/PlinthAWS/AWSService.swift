/// What the client must know about a service to reach it and sign for it.
public struct AWSService: Sendable, Equatable {
    /// The name in the credential scope (and the emulator's way of routing the call).
    public var signingName: String
    /// The first label of the service's public host name.
    public var endpointPrefix: String
    /// Global services are reached and signed in one fixed region whatever the caller's region.
    public var globalRegion: String?

    public init(signingName: String, endpointPrefix: String, globalRegion: String? = nil) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.globalRegion = globalRegion
    }

    public static let organizations = AWSService(
        signingName: "organizations", endpointPrefix: "organizations", globalRegion: "us-east-1")
    public static let ec2 = AWSService(signingName: "ec2", endpointPrefix: "ec2")
    public static let secretsManager = AWSService(signingName: "secretsmanager", endpointPrefix: "secretsmanager")
    public static let cloudWatch = AWSService(signingName: "monitoring", endpointPrefix: "monitoring")
    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3")
    public static let dynamoDB = AWSService(signingName: "dynamodb", endpointPrefix: "dynamodb")
    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts")
    public static let cloudTrail = AWSService(signingName: "cloudtrail", endpointPrefix: "cloudtrail")
    public static let config = AWSService(signingName: "config", endpointPrefix: "config")
}
