import Foundation
import PlinthRender

/// Applies stacks in graph order (`up`) or destroys them in reverse order (`down`), running
/// independent stacks side by side (up to `parallelism`), each through init, workspace selection
/// and one plan-and-apply run. A stack Terraform finds nothing to do for is reported unchanged,
/// so a second `up` changes nothing; a run interrupted part-way is finished by running it again, because each
/// stack's state (in the emulator's S3, locked through DynamoDB) says what already exists.
public struct Provisioner: Sendable {
    public var runner: TerraformRunner
    /// Free a state lock left by a killed run instead of stopping with the unlock hint.
    public var unlockStaleLocks: Bool
    /// Whether an object exists in a bucket (false when the bucket does not); tells a bootstrap
    /// stack whether its state has already been migrated into the bucket it created.
    public var stateObjectExists: @Sendable (_ bucket: String, _ key: String) async throws -> Bool
    /// How many stacks may run at once. Most of a stack's time is spent waiting on the cloud
    /// (or the emulator), so independent stacks side by side shorten a run well beyond the core count.
    public var parallelism: Int

    /// The number of stacks run side by side unless told otherwise.
    public static let defaultParallelism = 4

    public init(
        runner: TerraformRunner, unlockStaleLocks: Bool = false, parallelism: Int = Provisioner.defaultParallelism,
        stateObjectExists: @escaping @Sendable (_ bucket: String, _ key: String) async throws -> Bool = { _, _ in false }
    ) {
        self.runner = runner
        self.unlockStaleLocks = unlockStaleLocks
        self.parallelism = max(1, parallelism)
        self.stateObjectExists = stateObjectExists
    }

    /// Brings every stack up in dependency order; stops at the first failure (later stacks need it).
    public func up(
        _ stacks: [TerraformStack], progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        try await run(Self.graph(stacks), action: .apply, progress: progress)
    }

    /// Destroys every stack, dependants first.
    public func down(
        _ stacks: [TerraformStack], progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        try await run(Self.graph(stacks), action: .destroy, progress: progress)
    }

    /// The graph of `stacks`, or why they do not form one, as a provisioning error.
    static func graph<Stack: StackGraphNode & Sendable>(_ stacks: [Stack]) throws(ProvisioningError) -> StackGraph<Stack> {
        do { return try StackGraph(stacks) } catch { throw .stackGraph(error) }
    }

    private func run(
        _ graph: StackGraph<TerraformStack>, action: StackAction, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [StackOutcome] {
        var schedule = StackSchedule(graph: graph, action: action)
        let ordered = schedule.ordered
        var outcomes: [String: StackOutcome] = [:]
        var firstError: (any Error)?
        var startedCount = 0
        var startTimes: [String: Date] = [:]
        try await withThrowingTaskGroup(of: (String, Result<StackOutcome, any Error>).self) { group in
            func startReady() {
                // After a failure nothing new starts; what is running is let finish, since a
                // Terraform run stopped half-way leaves a lock and a partial apply behind.
                guard firstError == nil, !Task.isCancelled else { return }
                for stack in schedule.startReady(limit: parallelism) {
                    startedCount += 1
                    let started = Date()
                    startTimes[stack.id] = started
                    progress(.stackStarted(stack: stack.id, action: action, index: startedCount, total: ordered.count))
                    group.addTask {
                        try? FileManager.default.removeItem(at: runner.logFile(for: stack))
                        do {
                            return (stack.id, .success(try await runStack(stack, action: action, started: started, progress: progress)))
                        } catch {
                            return (stack.id, .failure(error))
                        }
                    }
                }
            }
            startReady()
            while let (id, result) = try await group.next() {
                schedule.finish(id)
                switch result {
                case .success(let outcome):
                    outcomes[id] = outcome
                    progress(.stackFinished(outcome))
                case .failure(let error):
                    let stack = ordered.first { $0.id == id }
                    progress(
                        .stackFinished(
                            StackOutcome(
                                stack: id, action: action, result: .failed,
                                seconds: Date().timeIntervalSince(startTimes[id] ?? Date()), counts: ChangeCounts(),
                                log: stack.map { runner.logFile(for: $0).path } ?? "")))
                    if firstError == nil { firstError = error }
                }
                startReady()
            }
        }
        if let firstError { throw firstError }
        try Task.checkCancellation()
        return ordered.compactMap { outcomes[$0.id] }
    }

    private func runStack(
        _ stack: TerraformStack, action: StackAction, started: Date,
        progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> StackOutcome {
        let log = runner.logFile(for: stack).path
        func outcome(_ result: StackOutcome.Result, _ counts: ChangeCounts = ChangeCounts()) -> StackOutcome {
            StackOutcome(
                stack: stack.id, action: action, result: result, seconds: Date().timeIntervalSince(started),
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

    /// Plans and applies in one Terraform run. Nil when there was nothing to do.
    private func planAndApply(
        _ stack: TerraformStack, action: StackAction, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> ChangeCounts? {
        let destroy = action == .destroy
        progress(.stackStep(stack: stack.id, step: destroy ? "destroy" : "apply"))
        do {
            return try await withStaleLockHandling(stack, progress: progress) {
                try await runner.applyDirectly(stack, destroy: destroy)
            }
        } catch ProvisioningError.terraformFailed(_, _, _, let excerpt)
            where destroy && excerpt.contains(Self.vanishedDuringDeleteWait)
        {
            // moto removes some resources (TGW VPC attachments) at once while the provider waits
            // for a "deleted" state and gives up; what is left is destroyed by a second pass.
            progress(.stackStep(stack: stack.id, step: "destroy again (the emulator removed a resource before the provider saw it go)"))
            return try await runner.applyDirectly(stack, destroy: true) ?? ChangeCounts()
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
        } catch ProvisioningError.ownLockFromRetriedWrite(_, let lockID) {
            progress(.note("\(stack.id): freeing its own lock \(lockID), written twice by a retried request, and running again"))
            try await runner.forceUnlock(stack, lockID: lockID)
            return try await body()
        } catch ProvisioningError.staleLock(let id, let lockID, let hint) {
            guard unlockStaleLocks else { throw ProvisioningError.staleLock(stack: id, lockID: lockID, hint: hint) }
            progress(.note("\(stack.id): freeing the lock \(lockID) left by an earlier run"))
            try await runner.forceUnlock(stack, lockID: lockID)
            return try await body()
        }
    }
}
