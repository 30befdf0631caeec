/// Why `affected`, `plan` or `apply` stopped. Each case names what is wrong and, where there is
/// one, the command that puts it right: the reader is a person at a terminal or a workflow log.
public enum DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The repository could not be read with git (not a repository, git missing).
    case git(detail: String)
    /// The base revision does not name a commit.
    case unknownRevision(String, detail: String)
    /// The spec at the base revision is missing or does not load.
    case baseSpecInvalid(revision: String, detail: String)
    /// Rendering one side failed.
    case renderFailed(side: String, detail: String)
    /// Stack ids that are not stacks of the rendered platform.
    case unknownStacks([String])
    /// A stack that cannot be planned or applied here (on the emulator), with why.
    case notPlannable(stack: String, reason: String)
    /// The plan directory cannot be used: missing manifest, wrong commit or spec, missing or corrupt file.
    case planDirectory(path: String, problem: String)
    /// A plan no longer matches what it would change; `replan` is the command that makes a current one.
    case stalePlan(stack: String, reason: String, replan: String)
    /// Terraform's output could not be read (state or plan JSON).
    case unreadableOutput(stack: String, what: String)

    public var description: String {
        switch self {
        case .git(let detail): return "git: \(detail)"
        case .unknownRevision(let revision, let detail):
            return
                "the base revision '\(revision)' is not a commit of this repository (\(detail)); give a branch, tag or commit that exists, such as origin/main"
        case .baseSpecInvalid(let revision, let detail): return "the spec at \(revision) cannot be loaded: \(detail)"
        case .renderFailed(let side, let detail): return "rendering \(side) failed: \(detail)"
        case .unknownStacks(let ids):
            return
                "unknown stack id\(ids.count == 1 ? "" : "s"): \(ids.joined(separator: ", ")) (the ids are listed in infrastructure/stacks.json)"
        case .notPlannable(let stack, let reason): return "\(stack) cannot be planned here: \(reason)"
        case .planDirectory(let path, let problem): return "plan directory \(path): \(problem); nothing was applied"
        case .stalePlan(let stack, let reason, let replan):
            return "the plan of \(stack) is stale (\(reason)); it was not applied, nor anything after it. Plan again: \(replan)"
        case .unreadableOutput(let stack, let what): return "\(stack): cannot read \(what) from Terraform's output"
        }
    }
}
