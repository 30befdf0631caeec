public struct PipelinesSpec: SpecObject {
    public var githubOrganization = ""
    public var repositories: [RepositorySpec] = []
    public var deployRoles: [DeployRoleSpec] = []
    public var securityGates: [SecurityGate] = []
    public var runners = RunnerPoolSpec()
    public var containerRepositories: [ContainerRepositorySpec] = []
    public var functionArtifacts: [FunctionArtifactSpec] = []
    public var changeLog = ChangeLogSpec()

    public init() {}
    public static let documentation = "GitHub Actions pipelines deploying through OIDC-assumed roles."
    public static var fields: [SpecField<PipelinesSpec>] {
        [
            .required("githubOrganization", \.githubOrganization, "GitHub organization."),
            .required("repositories", \.repositories, "Repositories and their protection."),
            .required("deployRoles", \.deployRoles, "Deploy role per account, assumed through GitHub OIDC."),
            .required("securityGates", \.securityGates, "Checks every pipeline runs."),
            .required("runners", \.runners, "Self-hosted runners that run Terraform in the shared-services hub."),
            .defaulted(
                "containerRepositories", \.containerRepositories, default: [],
                "ECR repositories for the services' images, each built by one repository's pipeline."),
            .defaulted(
                "functionArtifacts", \.functionArtifacts, default: [],
                "Lambda functions' release zips, each built by one repository's pipeline and published to the artifact bucket of every environment that runs the function."
            ),
            .defaulted(
                "changeLog", \.changeLog,
                default: [
                    "account": "log-archive", "bucket": "plinth-change-log", "retentionDays": .int(ChangeLogSpec.minimumRetentionDays),
                ],
                "Where `plinth apply` keeps its change-management records (Object Lock, compliance mode)."),
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
    public var approvers: [String] = []
    public var access: DeployAccess = .deploy
    public var pullRequests = false

    public init() {}

    /// The IAM name the role is created with. The emulator has one account for all of them, so
    /// there the account is appended to keep the names of different accounts apart.
    public func iamName(onEmulator: Bool) -> String { onEmulator ? "\(roleName)-\(account.rawValue)" : roleName }
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
            .defaulted(
                "approvers", \.approvers, default: [],
                "GitHub team slugs whose members approve deployments in the role's environments (when requiresApproval)."),
            .defaulted(
                "access", \.access, default: "deploy",
                "What the role may do: deploy (apply every stack), publish (push to its repository's ECR repositories), plan (read-only plans)."
            ),
            .defaulted(
                "pullRequests", \.pullRequests, default: false,
                "Also trust the repository's pull-request workflows (sub claim pull_request); plan roles only."),
        ]
    }
}

/// What a pipeline role may do, which decides the policy the ci-oidc module attaches: only a
/// `deploy` role applies stacks, so only it gets administrator rights and environment approval.
public enum DeployAccess: String, SpecEnum {
    /// Applies the account's stacks (AdministratorAccess; trust is what is narrow).
    case deploy
    /// Pushes the images of its repository's ECR repositories and reads their scan findings.
    case publish
    /// Plans: read-only access, the Terraform state read and the lock table written.
    case plan
}

public enum SecurityGate: String, SpecEnum {
    case sast, dependencyScanning = "dependency-scanning", containerScanning = "container-scanning"
    case iacPolicy = "iac-policy", secretScanning = "secret-scanning"
}

/// The ephemeral self-hosted runners: jobs that assume deploy roles run inside the platform's own
/// network rather than on GitHub-hosted machines, so no deploy credential ever leaves AWS.
public struct RunnerPoolSpec: SpecObject {
    public var account: Name = "shared-services"
    public var instanceType = "t3.large"
    public var minSize = 0
    public var maxSize = 4
    public var labels: [String] = ["self-hosted", "linux", "x64", "plinth"]
    public var registrationSecret = "github/runner-registration"

    public init() {}
    public static let documentation = "Ephemeral self-hosted GitHub runners, one job per runner."
    public static var fields: [SpecField<RunnerPoolSpec>] {
        [
            .required("account", \.account, "Account whose hub VPC's private subnets host the runners."),
            .required("instanceType", \.instanceType, "Runner instance type."),
            .required("minSize", \.minSize, "Runners kept warm."),
            .required("maxSize", \.maxSize, "Most runners at once (the autoscaling group's maximum)."),
            .required("labels", \.labels, "Labels the runners register with; jobs select them with runs-on."),
            .required(
                "registrationSecret", \.registrationSecret,
                "Secrets Manager name of the GitHub registration token the runners read at boot."),
        ]
    }
}

/// An ECR repository for one service image; the named source repository's pipeline builds and
/// pushes it, and its scan findings gate the push.
public struct ContainerRepositorySpec: SpecObject {
    public var name: Name = ""
    public var sourceRepository: Name = ""
    public var dockerfile = ""
    public var keepImages = 30
    public var scanExceptions: [ScanExceptionSpec] = []

    public init() {}
    public static let documentation = "An ECR repository: immutable tags, scan on push, KMS-encrypted."
    public static var fields: [SpecField<ContainerRepositorySpec>] {
        [
            .required("name", \.name, "ECR repository name."),
            .required("sourceRepository", \.sourceRepository, "GitHub repository (in repositories) whose pipeline pushes it."),
            .required("dockerfile", \.dockerfile, "Dockerfile the pipeline builds, relative to that repository's root."),
            .defaulted("keepImages", \.keepImages, default: 30, "Images kept by the lifecycle policy."),
            .defaulted(
                "scanExceptions", \.scanExceptions, default: [],
                "Critical or high scan findings accepted until a date; the publish gate fails on any other."),
        ]
    }
}

/// A Lambda function's code: the named source repository's pipeline builds the zip and its publish
/// role puts it in the artifact bucket of each environment running the function, where the
/// environment's stack reads the current version at plan time.
public struct FunctionArtifactSpec: SpecObject {
    public var name: Name = ""
    public var sourceRepository: Name = ""
    public var build = ""

    public init() {}
    public static let documentation = "A Lambda function's release zip, built by one repository and published per environment."
    public static var fields: [SpecField<FunctionArtifactSpec>] {
        [
            .required("name", \.name, "Function name, as secrets' rotation.function names it."),
            .required(
                "sourceRepository", \.sourceRepository, "GitHub repository (in repositories) whose pipeline builds and publishes it."),
            .required(
                "build", \.build,
                "Command, relative to that repository's root, that builds the zip and prints its path as its last line."),
        ]
    }
}

/// A scan finding the publish gate lets through, recorded with why and until when, so an accepted
/// vulnerability is reviewed like any other change and lapses on its own.
public struct ScanExceptionSpec: SpecObject, Equatable {
    public var finding = ""
    public var reason = ""
    public var expires = ""

    public init() {}
    public static let documentation = "A scan finding (CVE or finding id) accepted until a date."
    public static var fields: [SpecField<ScanExceptionSpec>] {
        [
            .required("finding", \.finding, "Finding name as ECR reports it, such as CVE-2026-12345."),
            .required("reason", \.reason, "Why the finding is accepted (not exploitable here, fix pending upstream)."),
            .required("expires", \.expires, "Last day the exception applies (YYYY-MM-DD); after it the gate fails again."),
        ]
    }
}

/// The change-management log: every apply appends one record per stack to this bucket, kept under
/// Object Lock in compliance mode for at least six years (HIPAA's documentation retention). One
/// fact, so the module that makes the bucket and the commands that write and read it agree.
public struct ChangeLogSpec: SpecObject, Equatable {
    /// HIPAA keeps documentation six years (45 CFR 164.316(b)(2)); with leap days, 2192 days.
    public static let minimumRetentionDays = 2192

    public var account: Name = "log-archive"
    public var bucket = "plinth-change-log"
    public var retentionDays = ChangeLogSpec.minimumRetentionDays

    public init() {}
    public static let documentation = "S3 bucket of the change records, in the log-archive account's primary region."
    public static var fields: [SpecField<ChangeLogSpec>] {
        [
            .required("account", \.account, "Account of the bucket: the log archive (observability.logPipeline.account)."),
            .required("bucket", \.bucket, "S3 bucket name (3-63 lowercase characters)."),
            .defaulted(
                "retentionDays", \.retentionDays, default: .int(ChangeLogSpec.minimumRetentionDays),
                "Days each record stays locked (at least 2192, six years)."),
        ]
    }
}
