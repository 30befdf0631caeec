import Foundation
import PlinthSpec

/// The cross-checks that keep the rendered pipelines, the spec and the rendered `saas/github` and
/// ci-oidc stacks in step. Each returns the problems it finds, one sentence each, so a test can
/// mutate the model and see exactly the check meant to catch it fire.
public struct PipelineChecks: Sendable {
    public var spec: PlatformSpec
    /// Per repository, its rendered workflows.
    public var workflows: [String: [Workflow]]

    public init(spec: PlatformSpec, workflows: [String: [Workflow]]) {
        self.spec = spec
        self.workflows = workflows
    }

    /// The inputs an action's `action.yml` declares.
    public struct ActionInputs: Sendable {
        public var declared: Set<String>
        /// Inputs marked required that have no default.
        public var required: Set<String>

        public init(declared: Set<String>, required: Set<String>) {
            self.declared = declared
            self.required = required
        }
    }

    var allJobs: [(repository: String, workflow: Workflow, job: Job)] {
        workflows.keys.sorted().flatMap { repository in
            (workflows[repository] ?? []).flatMap { workflow in workflow.jobs.map { (repository, workflow, $0) } }
        }
    }

    /// Every `uses:` names an allowed action at its pinned full SHA.
    public func pins(allowed: [String: String]) -> [String] {
        allJobs.flatMap { entry in
            entry.job.steps.compactMap { step -> String? in
                guard let uses = step.uses else { return nil }
                let owner = uses.action.split(separator: "/").prefix(2).joined(separator: "/")
                guard let sha = allowed[owner] else { return "\(entry.job.id): \(uses.action) is not an allowed action" }
                if uses.sha != sha || uses.sha.count != 40 {
                    return "\(entry.job.id): \(uses.action)@\(uses.sha) is not the pinned commit \(sha)"
                }
                return nil
            }
        }
    }

    /// Every `with:` key is an input the action declares, and every required input is given.
    public func inputs(_ actions: [String: ActionInputs]) -> [String] {
        allJobs.flatMap { entry in
            entry.job.steps.flatMap { step -> [String] in
                guard let uses = step.uses else { return [] }
                guard let declared = actions[uses.action] else { return ["\(entry.job.id): no action.yml for \(uses.action)"] }
                let given = Set(step.with.map(\.0))
                return given.subtracting(declared.declared).sorted().map { "\(entry.job.id): \(uses.action) has no input \($0)" }
                    + declared.required.subtracting(given).sorted().map { "\(entry.job.id): \(uses.action) needs input \($0)" }
            }
        }
    }

    /// The jobs of each repository's merge-gating workflows are named exactly its required checks,
    /// and the branch protection rendered into `saas/github` requires exactly those names.
    public func checkNames(branchProtection: [String: [String]]) -> [String] {
        var problems: [String] = []
        for repository in spec.pipelines.repositories {
            let name = repository.name.rawValue
            let jobs = (workflows[name] ?? []).filter(\.gatesMerge).flatMap(\.jobs).map(\.name)
            let required = repository.requiredChecks
            if Set(jobs).count != jobs.count { problems.append("\(name): two gating jobs share a name") }
            for missing in Set(required).subtracting(jobs).sorted() { problems.append("\(name): required check \(missing) has no job") }
            for extra in Set(jobs).subtracting(required).sorted() { problems.append("\(name): job \(extra) is not a required check") }
            let contexts = branchProtection[name] ?? []
            if Set(contexts) != Set(required) || contexts.count != required.count {
                problems.append("\(name): branch protection requires \(contexts.sorted()), the spec \(required.sorted())")
            }
        }
        return problems
    }

    /// The OIDC subjects a job's token carries: its environment's, else its workflow's event's.
    public func subjects(of job: Job, in workflow: Workflow, repository: RepositorySpec) -> [OIDCContext] {
        if let environment = job.environment { return [.environment(environment)] }
        return workflow.triggers.flatMap { trigger -> [OIDCContext] in
            switch trigger {
            case .pullRequest: [.pullRequest]
            case .push(let branches): branches.map(OIDCContext.branch)
            case .schedule, .workflowDispatch: [.branch(repository.defaultBranch)]
            }
        }
    }

    /// Every job that assumes a role has `id-token: write` (and no other job has it), every subject
    /// it can carry is allowed by that role's rendered trust, and each rendered trust names exactly
    /// the subjects the spec gives the role.
    public func roles(trusts: [OIDCTrust]) -> [String] {
        var problems: [String] = []
        let byRole = Dictionary(trusts.map { ($0.role, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in allJobs {
            let assumed = entry.job.assumedRoles
            let hasToken = entry.job.permissions["id-token"] == "write"
            if !assumed.isEmpty, !hasToken { problems.append("\(entry.job.id): assumes a role without id-token: write") }
            if assumed.isEmpty, hasToken { problems.append("\(entry.job.id): has id-token: write but assumes no role") }
            guard let repository = spec.pipelines.repositories.first(where: { $0.name.rawValue == entry.repository }) else { continue }
            let identity = GitHubRepositoryIdentity(owner: spec.pipelines.githubOrganization, repository: entry.repository)
            for role in assumed {
                guard let trust = byRole[role] else {
                    problems.append("\(entry.job.id): assumes \(role.roleName) in \(role.account), which no ci-oidc stack renders")
                    continue
                }
                for context in subjects(of: entry.job, in: entry.workflow, repository: repository) {
                    let subject = identity.subject(context)
                    if !trust.allows(subject) {
                        problems.append("\(entry.job.id): subject \(subject) is not trusted by \(role.roleName) in \(role.account)")
                    }
                }
            }
        }
        for trust in trusts {
            guard
                let role = spec.pipelines.deployRoles.first(where: {
                    $0.account.rawValue == trust.role.account && $0.roleName == trust.role.roleName
                })
            else {
                problems.append("trust of \(trust.role.roleName) in \(trust.role.account) has no deploy role in the spec")
                continue
            }
            let expected = OIDCTrust(
                role, identity: GitHubRepositoryIdentity(owner: spec.pipelines.githubOrganization, repository: role.repository.rawValue))
            if Set(trust.exact) != Set(expected.exact) || Set(trust.patterns) != Set(expected.patterns) {
                problems.append(
                    "trust of \(trust.role.roleName) in \(trust.role.account) names \((trust.exact + trust.patterns).sorted()), the spec \((expected.exact + expected.patterns).sorted())"
                )
            }
        }
        return problems
    }

    /// Jobs that assume a role needing approval run in one of that role's environments (`prod`),
    /// whose reviewers are rendered into `saas/github`.
    public func approvals() -> [String] {
        allJobs.flatMap { entry in
            entry.job.assumedRoles.compactMap { reference -> String? in
                guard
                    let role = spec.pipelines.deployRoles.first(where: {
                        $0.account.rawValue == reference.account && $0.roleName == reference.roleName
                    }), role.requiresApproval
                else { return nil }
                guard let environment = entry.job.environment, role.environments.map(\.rawValue).contains(environment) else {
                    return "\(entry.job.id): assumes \(role.roleName) in \(role.account) outside its approval environment"
                }
                return nil
            }
        }
    }

    /// No expression is expanded inside a script: untrusted values (`github.event.*`, `head_ref`)
    /// reach shell only through `env:`, where they are data, not code. Workflows grant nothing at
    /// the top level.
    public func scripts() -> [String] {
        var problems: [String] = []
        for entry in allJobs {
            for step in entry.job.steps where step.run?.contains("${{") == true {
                problems.append("\(entry.job.id): step \(step.name) expands an expression inside run")
            }
        }
        for (repository, list) in workflows.sorted(by: { $0.key < $1.key }) {
            for workflow in list where !workflow.permissions.isEmpty {
                problems.append("\(repository)/\(workflow.file): grants permissions at the workflow level")
            }
        }
        return problems
    }

    // MARK: Reading the rendered stacks

    /// Required status check contexts per repository, from the rendered `saas/github` stack's JSON.
    public static func branchProtectionContexts(stackJSON: String) -> [String: [String]] {
        guard let data = stackJSON.data(using: .utf8), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let resources = root["resource"] as? [String: Any]
        else { return [:] }
        let repositories = resources["github_repository"] as? [String: Any] ?? [:]
        let protections = resources["github_branch_protection"] as? [String: Any] ?? [:]
        var result: [String: [String]] = [:]
        for (key, value) in protections {
            guard let body = value as? [String: Any], let repository = (repositories[key] as? [String: Any])?["name"] as? String,
                let checks = (body["required_status_checks"] as? [[String: Any]])?.first
            else { continue }
            result[repository] = checks["contexts"] as? [String] ?? []
        }
        return result
    }

    /// Deploy-role trusts from a rendered ci-oidc stack's module inputs, matched the way the
    /// ci-oidc module builds its trust policy (exact names with StringEquals, `*` with StringLike).
    public static func trusts(ciOIDCStackJSON: String, account: String) -> [OIDCTrust] {
        guard let data = ciOIDCStackJSON.data(using: .utf8), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let module = (root["module"] as? [String: Any])?["ci_oidc"] as? [String: Any],
            let organization = module["github_organization"] as? String, let roles = module["deploy_roles"] as? [[String: Any]]
        else { return [] }
        return roles.compactMap { role in
            guard let name = role["role_name"] as? String, let repository = role["repository"] as? String else { return nil }
            return OIDCTrust(
                role: RoleReference(account: account, roleName: name),
                identity: GitHubRepositoryIdentity(owner: organization, repository: repository),
                branches: role["branches"] as? [String] ?? [], environments: role["environments"] as? [String] ?? [],
                pullRequests: role["pull_request"] as? Bool ?? false)
        }
    }
}
