import PlinthSpec

/// The `sub` claim of GitHub's OIDC token, which is what a deploy role's trust policy matches.
///
/// GitHub writes it as `repo:<owner>/<repo>:<context>`, where the context is
/// `environment:<name>` for a job with an environment, else `pull_request` on a pull-request event,
/// else `ref:refs/heads/<branch>`. Repositories created or renamed from July 2026 on get the
/// immutable form `repo:<owner>@<owner-id>/<repo>@<repo-id>:<context>`, so a recycled name cannot
/// inherit a trust; `GitHubRepositoryIdentity` carries the ids when the spec gives them.
public enum OIDCContext: Sendable, Equatable, Hashable {
    case environment(String)
    case pullRequest
    case branch(String)

    var claim: String {
        switch self {
        case .environment(let name): "environment:\(name)"
        case .pullRequest: "pull_request"
        case .branch(let name): "ref:refs/heads/\(name)"
        }
    }
}

/// Who owns a repository, by name and, for the immutable subject form, by numeric id.
public struct GitHubRepositoryIdentity: Sendable, Equatable, Hashable {
    public var owner: String
    public var repository: String
    public var ownerID: Int?
    public var repositoryID: Int?

    public init(owner: String, repository: String, ownerID: Int? = nil, repositoryID: Int? = nil) {
        self.owner = owner
        self.repository = repository
        self.ownerID = ownerID
        self.repositoryID = repositoryID
    }

    /// `owner/repo`, or `owner@id/repo@id` when both ids are known.
    public var subjectPrefix: String {
        if let ownerID, let repositoryID { return "repo:\(owner)@\(ownerID)/\(repository)@\(repositoryID)" }
        return "repo:\(owner)/\(repository)"
    }

    public func subject(_ context: OIDCContext) -> String { "\(subjectPrefix):\(context.claim)" }
}

/// One deploy role's trust as rendered: subjects matched exactly (`StringEquals`) and patterns
/// matched with `*` (`StringLike`), the same split the ci-oidc module makes.
public struct OIDCTrust: Sendable, Equatable {
    public var role: RoleReference
    public var exact: [String]
    public var patterns: [String]

    public init(role: RoleReference, exact: [String], patterns: [String]) {
        self.role = role
        self.exact = exact
        self.patterns = patterns
    }

    /// The trust the spec gives a role: its repository's branches and environments, and its pull
    /// requests for a plan role that asks for them.
    public init(_ spec: DeployRoleSpec, identity: GitHubRepositoryIdentity) {
        self.init(
            role: RoleReference(account: spec.account.rawValue, roleName: spec.roleName), identity: identity, branches: spec.branches,
            environments: spec.environments.map(\.rawValue), pullRequests: spec.pullRequests)
    }

    /// Names with `*` become patterns, the rest exact subjects, as the ci-oidc module splits them;
    /// the pull-request subject has no name in it and is always exact.
    public init(
        role: RoleReference, identity: GitHubRepositoryIdentity, branches: [String], environments: [String], pullRequests: Bool = false
    ) {
        let subjects =
            branches.map { identity.subject(.branch($0)) } + environments.map { identity.subject(.environment($0)) }
            + (pullRequests ? [identity.subject(.pullRequest)] : [])
        self.init(role: role, exact: subjects.filter { !$0.contains("*") }, patterns: subjects.filter { $0.contains("*") })
    }

    public func allows(_ subject: String) -> Bool {
        exact.contains(subject) || patterns.contains { Self.like($0, subject) }
    }

    /// IAM `StringLike`: `*` matches any run of characters (including `/`), `?` one character.
    static func like(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
