/// One root stack and where it sits in the apply order. Pipelines and `plinth up` read these (or
/// `infrastructure/stacks.json`) instead of guessing from directory names.
public struct StackDescriptor: Sendable, Equatable, Codable {
    /// Stable id, equal to the directory below the output root, such as `env/prod/us-east-1/network`.
    public var id: String
    /// Directory of the stack relative to the output root.
    public var directory: String
    /// `aws`, or the SaaS provider the stack manages (`github`, `okta`, `pagerduty`, `auth0`).
    public var provider: String
    /// Account the stack deploys into (AWS stacks), or nil for SaaS stacks.
    public var account: String?
    /// Region of the stack's default provider (AWS stacks), or nil for SaaS stacks.
    public var region: String?
    /// Terraform workspace the stack runs in: the environment's name, or `default` for shared stacks.
    public var workspace: String
    /// Backend `key` of the stack's state (before the workspace prefix S3 adds outside `default`).
    public var stateKey: String
    /// Object key the state lives at in the bucket once the workspace is applied (`stateKey` with
    /// the workspace prefix outside `default`): where `up` looks for a migrated bootstrap state.
    public var stateObject: String
    /// Stack ids that must be applied first (their outputs are read through remote state).
    public var dependsOn: [String]
    /// True for the stack that creates the state bucket and lock table: its first apply must use
    /// local state, then migrate it into the bucket (`terraform init -migrate-state`).
    public var bootstrap: Bool
    /// Procurement blocker that keeps the stack from being applied yet (its provider account does
    /// not exist); pipelines skip such stacks until the blocker is resolved.
    public var blockedBy: String?
    /// Terraform variables the stack declares without a default, which whoever runs it sets
    /// (`TF_VAR_<name>`): on the real target, the OIDC token file its providers assume roles with.
    public var requiredVariables: [String]

    public init(
        id: String, directory: String, provider: String, account: String?, region: String?, workspace: String,
        stateKey: String, stateObject: String, dependsOn: [String], bootstrap: Bool = false, blockedBy: String? = nil,
        requiredVariables: [String] = []
    ) {
        self.id = id
        self.directory = directory
        self.provider = provider
        self.account = account
        self.region = region
        self.workspace = workspace
        self.stateKey = stateKey
        self.stateObject = stateObject
        self.dependsOn = dependsOn
        self.bootstrap = bootstrap
        self.blockedBy = blockedBy
        self.requiredVariables = requiredVariables
    }
}
