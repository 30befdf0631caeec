/// One GitHub Actions workflow file, typed, so the cross-checks (pins, inputs, check names, OIDC
/// trust) read the same values the YAML is written from.
public struct Workflow: Sendable, Equatable {
    /// File name under `.github/workflows/`, such as `checks.yml`.
    public var file: String
    public var name: String
    public var triggers: [WorkflowTrigger]
    /// Workflow-level permissions: always empty, so every grant is visible on the job that uses it.
    public var permissions: [String: String] = [:]
    public var concurrency: Concurrency?
    public var jobs: [Job]
    /// Whether this workflow's jobs are the repository's required status checks (each job name a
    /// check of branch protection). Delivery workflows (apply, drift, release, previews) are not:
    /// a required check that only runs after merge would block every pull request.
    public var gatesMerge: Bool

    public init(
        file: String, name: String, triggers: [WorkflowTrigger], concurrency: Concurrency? = nil, gatesMerge: Bool = false, jobs: [Job]
    ) {
        self.file = file
        self.gatesMerge = gatesMerge
        self.name = name
        self.triggers = triggers
        self.concurrency = concurrency
        self.jobs = jobs
    }

    /// Whether a pull request runs this workflow (its jobs are then status checks of the pull request).
    public var runsOnPullRequests: Bool {
        triggers.contains { if case .pullRequest = $0 { return true } else { return false } }
    }
}

/// What starts a workflow. `pull_request_target` is deliberately absent: it runs with the base
/// repository's secrets, and nothing here needs that.
public enum WorkflowTrigger: Sendable, Equatable {
    case pullRequest(branches: [String], types: [String])
    case push(branches: [String])
    case schedule(cron: String)
    case workflowDispatch
}

/// A concurrency group; `cancelInProgress` is false wherever a run changes infrastructure, so an
/// apply or a destroy is never cut off half-way.
public struct Concurrency: Sendable, Equatable {
    public var group: String
    public var cancelInProgress: Bool

    public init(group: String, cancelInProgress: Bool) {
        self.group = group
        self.cancelInProgress = cancelInProgress
    }
}

/// A job. `name` is what GitHub reports as the check-run name, so it is what branch protection matches.
public struct Job: Sendable, Equatable {
    public var id: String
    public var name: String
    public var runsOn: [String]
    public var needs: [String] = []
    public var condition: String?
    /// GitHub environment the job deploys to; its OIDC subject then names the environment.
    public var environment: String?
    public var permissions: [String: String]
    public var concurrency: Concurrency?
    public var timeoutMinutes = 30
    public var outputs: [(String, String)] = []
    public var env: [(String, String)] = []
    public var steps: [Step]

    public init(id: String, name: String, runsOn: [String], permissions: [String: String], steps: [Step]) {
        self.id = id
        self.name = name
        self.runsOn = runsOn
        self.permissions = permissions
        self.steps = steps
    }

    public static func == (lhs: Job, rhs: Job) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.runsOn == rhs.runsOn && lhs.needs == rhs.needs
            && lhs.condition == rhs.condition && lhs.environment == rhs.environment && lhs.permissions == rhs.permissions
            && lhs.concurrency == rhs.concurrency && lhs.timeoutMinutes == rhs.timeoutMinutes
            && lhs.outputs.elementsEqual(rhs.outputs, by: ==) && lhs.env.elementsEqual(rhs.env, by: ==) && lhs.steps == rhs.steps
    }

    /// The deploy roles the job's `configure-aws-credentials` steps assume.
    public var assumedRoles: [RoleReference] {
        steps.compactMap { step in
            guard step.uses?.action == PinnedAction.configureAWSCredentials.action else { return nil }
            return step.with.first { $0.0 == "role-to-assume" }.flatMap { RoleReference(arnExpression: $0.1) }
        }
    }
}

/// A step: either a pinned action with its inputs or a shell script whose untrusted values come in
/// through `env`, never through `${{ }}` inside the script.
public struct Step: Sendable, Equatable {
    public var name: String
    public var id: String?
    public var condition: String?
    public var uses: PinnedAction?
    public var with: [(String, String)]
    public var run: String?
    public var env: [(String, String)]

    public static func action(
        _ name: String, _ action: PinnedAction, with: [(String, String)] = [], id: String? = nil, condition: String? = nil
    ) -> Step {
        Step(name: name, id: id, condition: condition, uses: action, with: with, run: nil, env: [])
    }

    public static func shell(
        _ name: String, _ script: String, env: [(String, String)] = [], id: String? = nil, condition: String? = nil
    ) -> Step {
        Step(name: name, id: id, condition: condition, uses: nil, with: [], run: script, env: env)
    }

    public static func == (lhs: Step, rhs: Step) -> Bool {
        lhs.name == rhs.name && lhs.id == rhs.id && lhs.condition == rhs.condition && lhs.uses == rhs.uses
            && lhs.with.elementsEqual(rhs.with, by: ==) && lhs.run == rhs.run && lhs.env.elementsEqual(rhs.env, by: ==)
    }
}

/// The deploy role a job assumes, written into `role-to-assume` as
/// `arn:aws:iam::${{ vars.AWS_ACCOUNT_ID_<ACCOUNT> }}:role/<name>`: account IDs are repository
/// variables, not secrets, and not part of the spec.
public struct RoleReference: Sendable, Equatable, Hashable {
    public var account: String
    public var roleName: String

    public init(account: String, roleName: String) {
        self.account = account
        self.roleName = roleName
    }

    static let variablePrefix = "AWS_ACCOUNT_ID_"

    static func variable(for account: String) -> String {
        variablePrefix + account.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    public var arnExpression: String { "arn:aws:iam::${{ vars.\(Self.variable(for: account)) }}:role/\(roleName)" }

    /// Reads back an ARN expression this type wrote; the account's spelling is recovered from the
    /// variable name in lower case with `-` for `_`, as account names are written in the spec.
    public init?(arnExpression: String) {
        let prefix = "arn:aws:iam::${{ vars.\(Self.variablePrefix)"
        guard arnExpression.hasPrefix(prefix), let close = arnExpression.range(of: " }}:role/") else { return nil }
        let variable = arnExpression[arnExpression.index(arnExpression.startIndex, offsetBy: prefix.count)..<close.lowerBound]
        account = variable.lowercased().replacingOccurrences(of: "_", with: "-")
        roleName = String(arnExpression[close.upperBound...])
    }
}
