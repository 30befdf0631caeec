import PlinthRender

/// Why bringing the platform up or down stopped. Each case says what to do next, because the
/// person reading it is at a terminal in the middle of `plinth up`.
public enum ProvisioningError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRun(program: String, detail: String)
    /// A program plinth cannot install is missing or unusable; `problem` says what was found
    /// (nil: nothing on PATH).
    case toolMissing(RequiredTool, problem: String?)
    /// Installing plinth's own tools (`PythonToolEnvironment`) failed; nothing half-made is kept.
    case toolInstallFailed(directory: String, detail: String, log: String)
    case emulatorUnreachable(endpoint: String, detail: String)
    case emulatorDidNotStart(detail: String)
    case stackGraph(StackGraphError)
    case terraformFailed(stack: String, step: String, log: String, excerpt: String)
    /// A run that was killed left its lock in the DynamoDB table; `hint` is the command to free it.
    case staleLock(stack: String, lockID: String, hint: String)
    /// The lock is this very run's: the emulator answered the lock write so late that the client
    /// sent it again, and the repeat found the first one. Nobody else holds it, so it is freed.
    case ownLockFromRetriedWrite(stack: String, lockID: String)
    /// A destroy refused by deletion protection: the resource was applied while the local target
    /// still kept it on (before the local override), so `up` has to switch it off first.
    case deletionProtected(stack: String, log: String)
    /// Terraform refused a saved plan because the state changed after it was made.
    case staleSavedPlan(stack: String)
    /// `--stack` named ids this target has no stack for: each with why (left out of this target, or
    /// unknown and the closest id), all at once, before anything runs.
    case unknownStacks([UnknownStack])

    /// The real accounts cannot be reached from this environment: `detail` says which variable is
    /// missing or wrong.
    case accountAccess(detail: String)
    /// The committed tree is not what the spec renders, so its stacks are not the reviewed ones.
    case committedTreeStale(directory: String, files: [String])

    /// A requested stack id the rendered tree lacks.
    public struct UnknownStack: Sendable, Equatable {
        public var id: String
        /// Why the target leaves a stack with this id out, when the full platform has one.
        public var leftOutBecause: String?
        public var closest: String?
    }

    public var description: String {
        switch self {
        case .cannotRun(let program, let detail):
            return "cannot run \(program): \(detail)"
        case .toolMissing(let tool, let problem):
            return "\(problem ?? "\(tool.name) is not installed or not on PATH"): plinth needs \(tool.versions); \(tool.howToGet)"
        case .toolInstallFailed(let directory, let detail, let log):
            return "could not install plinth's tools into \(directory): \(detail)\n(full log: \(log)). Nothing half-made is kept: "
                + "run the command again once the package index answers (pip's settings apply, e.g. PIP_INDEX_URL for a mirror)"
        case .emulatorUnreachable(let endpoint, let detail):
            return "the AWS emulator at \(endpoint) does not answer: \(detail)"
        case .emulatorDidNotStart(let detail):
            return "the moto emulator did not start: \(detail)"
        case .stackGraph(let detail):
            return "stack graph: \(detail)"
        case .terraformFailed(let stack, let step, let log, let excerpt):
            return "terraform \(step) failed for stack \(stack) (full log: \(log))\n\(excerpt)"
        case .staleLock(let stack, let lockID, let hint):
            return "stack \(stack) is locked by an earlier run that did not finish (lock \(lockID)).\n"
                + "If no other plinth or terraform is running, free it with:\n  \(hint)\nthen run the command again."
        case .deletionProtected(let stack, let log):
            return "stack \(stack): a resource still has deletion protection on (full log: \(log)). It was applied before the "
                + "local target switched deletion protection off; run `plinth up --local` once to apply that, then `plinth down --local` again."
        case .staleSavedPlan(let stack):
            return "stack \(stack): Terraform refused the saved plan because the state changed after it was made; plan again"
        case .unknownStacks(let stacks):
            return stacks.map { stack in
                if let reason = stack.leftOutBecause { return "stack \(stack.id) is left out of this target: \(reason)" }
                return "no stack \(stack.id)\(stack.closest.map { " (did you mean \($0)?)" } ?? ""); `plinth show` lists the stacks"
            }.joined(separator: "\n")
        case .accountAccess(let detail):
            return "cannot reach the AWS accounts: \(detail)"
        case .committedTreeStale(let directory, let files):
            let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " and \(files.count - 5) more" : "")
            return "\(directory) is not what platform.yaml renders (\(shown)); run `plinth render`, review and commit it first"
        case .ownLockFromRetriedWrite(let stack, let lockID):
            return "stack \(stack): the run's own lock \(lockID) was written twice (a retried request) and blocked it"
        }
    }
}
