public struct PipelinesSpec: SpecObject {
    public var githubOrganization = ""
    public var repositories: [RepositorySpec] = []
    public var deployRoles: [DeployRoleSpec] = []
    public var securityGates: [SecurityGate] = []

    public init() {}
    public static let documentation = "GitHub Actions pipelines deploying through OIDC-assumed roles."
    public static var fields: [SpecField<PipelinesSpec>] {
        [
            .required("githubOrganization", \.githubOrganization, "GitHub organization."),
            .required("repositories", \.repositories, "Repositories and their protection."),
            .required("deployRoles", \.deployRoles, "Deploy role per account, assumed through GitHub OIDC."),
            .required("securityGates", \.securityGates, "Checks every pipeline runs."),
        ]
    }
}

public struct RepositorySpec: SpecObject {
    public var name: Name = ""
    public var description = ""
    public var defaultBranch = "main"
    public var requiredReviews = 1
    public var requireCodeOwnerReviews = true
    public var requiredChecks: [String] = []

    public init() {}
    public static let documentation = "A repository with a protected default branch."
    public static var fields: [SpecField<RepositorySpec>] {
        [
            .required("name", \.name, "Repository name."),
            .required("description", \.description, "What it holds."),
            .required("defaultBranch", \.defaultBranch, "Protected branch."),
            .required("requiredReviews", \.requiredReviews, "Approving reviews required (at least 1)."),
            .required("requireCodeOwnerReviews", \.requireCodeOwnerReviews, "Code owners must approve their paths."),
            .required("requiredChecks", \.requiredChecks, "Status checks that must pass."),
        ]
    }
}

public struct DeployRoleSpec: SpecObject {
    public var account: Name = ""
    public var roleName = ""
    public var repository: Name = ""
    public var branches: [String] = []
    public var environments: [Name] = []
    public var requiresApproval = false

    public init() {}
    public static let documentation =
        "An IAM role a workflow assumes through OIDC; trust is limited to the repository and branch or environment."
    public static var fields: [SpecField<DeployRoleSpec>] {
        [
            .required("account", \.account, "Account the role lives in."),
            .required("roleName", \.roleName, "IAM role name."),
            .required("repository", \.repository, "Repository allowed to assume it."),
            .defaulted("branches", \.branches, default: [], "Branches allowed (sub claim ref:refs/heads/<branch>)."),
            .defaulted("environments", \.environments, default: [], "GitHub environments allowed (sub claim environment:<name>)."),
            .required("requiresApproval", \.requiresApproval, "The GitHub environment needs a reviewer's approval."),
        ]
    }
}

public enum SecurityGate: String, SpecEnum {
    case sast, dependencyScanning = "dependency-scanning", containerScanning = "container-scanning"
    case iacPolicy = "iac-policy", secretScanning = "secret-scanning"
}
