import Foundation

/// Applies stacks in graph order (`up`) or destroys them in reverse order (`down`), one at a
/// time, each through init, workspace selection, a detailed-exit-code plan and the apply of that
/// plan. A stack whose plan is empty is reported unchanged and not applied, so a second `up`
/// changes nothing; a run interrupted part-way is finished by running it again, because each
/// stack's state (in the emulator's S3, locked through DynamoDB) says what already exists.
public struct Provisioner: Sendable {
    public var runner: TerraformRunner
    /// Free a state lock left by a killed run instead of stopping with the unlock hint.
    public var unlockStaleLocks: Bool
    /// Whether an object exists in a bucket (false when the bucket does not); tells a bootstrap
    /// stack whether its state has already been migrated into the bucket it created.
    public var stateObjectExists: @Sendable (_ bucket: String, _ key: String) async throws -> Bool

    public init(
        runner: TerraformRunner, unlockStaleLocks: Bool = false,
        stateObjectExists: @escaping @Sendable (_ bucket: String, _ key: String) async throws -> Bool = { _, _ in false }
    ) {
        self.runner = runner
        self.unlockStaleLocks = unlockStaleLocks
        self.stateObjectExists = stateObjectExists
    }

    /// Brings every stack up in dependency order; stops at the first failure (later stacks need it).
    public func up(
        _ stacks: [TerraformStack], progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        try await run(StackGraph.applyOrder(stacks), action: .apply, progress: progress)
    }

    /// Destroys every stack, dependants first.
    public func down(
        _ stacks: [TerraformStack], progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        try await run(StackGraph.applyOrder(stacks).reversed(), action: .destroy, progress: progress)
    }

    private func run(
        _ ordered: [TerraformStack], action: StackAction, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        var outcomes: [StackOutcome] = []
        for (index, stack) in ordered.enumerated() {
            try Task.checkCancellation()
            progress(.stackStarted(stack: stack.id, action: action, index: index + 1, total: ordered.count))
            try? FileManager.default.removeItem(at: runner.logFile(for: stack))
            let started = Date()
            do {
                let outcome = try await runStack(stack, action: action, started: started, progress: progress)
                outcomes.append(outcome)
                progress(.stackFinished(outcome))
            } catch {
                progress(.stackFinished(StackOutcome(
                    stack: stack.id, action: action, result: .failed, seconds: Date().timeIntervalSince(started),
                    counts: ChangeCounts(), log: runner.logFile(for: stack).path)))
                throw error
            }
        }
        return outcomes
    }

    private func runStack(
        _ stack: TerraformStack, action: StackAction, started: Date,
        progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> StackOutcome {
        let log = runner.logFile(for: stack).path
        func outcome(_ result: StackOutcome.Result, _ counts: ChangeCounts = ChangeCounts()) -> StackOutcome {
            StackOutcome(stack: stack.id, action: action, result: result, seconds: Date().timeIntervalSince(started),
                         counts: counts, log: log)
        }
        guard case .bootstrap(let localFile, let bucket, let key) = stack.state else {
            progress(.stackStep(stack: stack.id, step: "init"))
            try await runner.prepare(stack)
            let counts = try await planAndApply(stack, action: action, progress: progress)
            return outcome(counts == nil ? .unchanged : (action == .apply ? .applied : .destroyed), counts ?? ChangeCounts())
        }

        // The bootstrap stack: while a local state file exists it is the truth (a bootstrap or a
        // teardown was under way); otherwise the state is in the bucket, or nowhere yet.
        let hasLocal = FileManager.default.fileExists(atPath: localFile.path)
        let hasRemote = hasLocal ? false : try await stateObjectExists(bucket, key)
        switch action {
        case .apply:
            if hasRemote {
                progress(.stackStep(stack: stack.id, step: "init"))
                try await runner.prepare(stack)
                let counts = try await planAndApply(stack, action: action, progress: progress)
                return outcome(counts == nil ? .unchanged : .applied, counts ?? ChangeCounts())
            }
            progress(.stackStep(stack: stack.id, step: "init (local state)"))
            try await runner.prepare(stack, localState: true)
            let counts = try await planAndApply(stack, action: action, progress: progress)
            progress(.stackStep(stack: stack.id, step: "migrate state to s3://\(bucket)/\(key)"))
            try await runner.migrateState(stack, toLocal: false)
            Self.removeLocalState(localFile)
            return outcome(.applied, counts ?? ChangeCounts())
        case .destroy:
            if !hasLocal && !hasRemote { return outcome(.unchanged) }
            if hasRemote {
                progress(.stackStep(stack: stack.id, step: "init"))
                try await runner.prepare(stack)
                progress(.stackStep(stack: stack.id, step: "migrate state to \(localFile.lastPathComponent)"))
                try await runner.migrateState(stack, toLocal: true)
            } else {
                progress(.stackStep(stack: stack.id, step: "init (local state)"))
                try await runner.prepare(stack, localState: true)
            }
            let counts = try await planAndApply(stack, action: action, progress: progress)
            Self.removeLocalState(localFile)
            return outcome(counts == nil ? .unchanged : .destroyed, counts ?? ChangeCounts())
        }
    }

    /// Plans; applies the plan when it has changes. Nil when there was nothing to do.
    private func planAndApply(
        _ stack: TerraformStack, action: StackAction, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> ChangeCounts? {
        progress(.stackStep(stack: stack.id, step: action == .apply ? "plan" : "plan -destroy"))
        let plan = try await withStaleLockHandling(stack, progress: progress) {
            try await runner.plan(stack, destroy: action == .destroy)
        }
        guard plan.hasChanges else {
            try? FileManager.default.removeItem(at: plan.file)
            return nil
        }
        progress(.stackStep(stack: stack.id, step: action == .apply ? "apply" : "destroy"))
        do {
            return try await runner.apply(stack, plan: plan)
        } catch ProvisioningError.terraformFailed(_, _, _, let excerpt)
            where action == .destroy && excerpt.contains(Self.vanishedDuringDeleteWait) {
            // moto removes some resources (TGW VPC attachments) at once while the provider waits
            // for a "deleted" state and gives up; what is left is destroyed by a second pass.
            progress(.stackStep(stack: stack.id, step: "destroy again (the emulator removed a resource before the provider saw it go)"))
            let retry = try await runner.plan(stack, destroy: true)
            guard retry.hasChanges else {
                try? FileManager.default.removeItem(at: retry.file)
                return ChangeCounts()
            }
            return try await runner.apply(stack, plan: retry)
        }
    }

    /// The provider's words when a resource it is waiting on has already disappeared.
    static let vanishedDuringDeleteWait = "couldn't find resource"

    static func removeLocalState(_ file: URL) {
        try? FileManager.default.removeItem(at: file)
        try? FileManager.default.removeItem(at: file.appendingPathExtension("backup"))
    }

    /// Runs `body`; on a stale lock, either frees it and retries once or rethrows with the hint.
    private func withStaleLockHandling<T: Sendable>(
        _ stack: TerraformStack, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch ProvisioningError.staleLock(let id, let lockID, let hint) {
            guard unlockStaleLocks else { throw ProvisioningError.staleLock(stack: id, lockID: lockID, hint: hint) }
            progress(.note("\(stack.id): freeing the lock \(lockID) left by an earlier run"))
            try await runner.forceUnlock(stack, lockID: lockID)
            return try await body()
        }
    }
}
