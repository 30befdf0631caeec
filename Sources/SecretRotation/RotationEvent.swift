/// One invocation from Secrets Manager: which step to run, on which secret, for which pending version.
public struct RotationEvent: Sendable, Equatable, Codable {
    /// The four steps Secrets Manager calls in order; each must be safe to repeat.
    public enum Step: String, Sendable, Codable, CaseIterable {
        case createSecret, setSecret, testSecret, finishSecret
    }

    public var step: Step
    public var secretID: String
    /// The version id of the rotation's pending version (`AWSPENDING`).
    public var token: String

    public init(step: Step, secretID: String, token: String) {
        self.step = step
        self.secretID = secretID
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case step = "Step", secretID = "SecretId", token = "ClientRequestToken"
    }
}
