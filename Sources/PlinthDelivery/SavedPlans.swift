import Foundation
import PlinthProvisioning
import PlinthRender

/// Plans stacks into a directory and applies exactly those plans later, the way a pipeline splits
/// review from apply. Planning runs independent stacks side by side (as `up` does); applying goes
/// one stack at a time in graph order and proves each plan still current first (the state's
/// lineage and serial as recorded, and a fresh plan's `resource_changes` fingerprint equal to the
/// reviewed one, which also catches changes made outside Terraform), so
/// a stale plan stops the run before it or anything after it changes.
public struct SavedPlans: Sendable {
    public var runner: TerraformRunner
    public var parallelism: Int

    public init(runner: TerraformRunner, parallelism: Int = Provisioner.defaultParallelism) {
        self.runner = runner
        self.parallelism = max(1, parallelism)
    }

    /// What happened to one stack of a plan or an apply.
    public struct StackResult: Sendable, Equatable {
        public enum Kind: String, Sendable { case planned, unchanged, applied }
        public var stack: String
        public var kind: Kind
        public var counts: ChangeCounts
        public var seconds: Double
    }

    /// `stacks` with their dependencies cut down to the stacks among them, in graph order.
    public static func restricted(_ stacks: [TerraformStack]) throws -> [TerraformStack] {
        let ids = Set(stacks.map(\.id))
        let cut = stacks.map { stack -> TerraformStack in
            var copy = stack
            copy.dependsOn = stack.dependsOn.filter(ids.contains)
            return copy
        }
        return try StackGraph(cut).applyOrder
    }

    /// Plans every stack into `directory/<stack>/` (binary plan and its JSON) and writes the
    /// manifest; the caller writes the summary. Entries come back in graph order.
    public func plan(
        _ stacks: [TerraformStack], into directory: URL, commit: String?, treeDigest: String,
        progress: @escaping @Sendable (StackResult) -> Void
    ) async throws -> (PlanManifest, [PlanSummary.Stack]) {
        let ordered = try Self.restricted(stacks)
        var schedule = StackSchedule(graph: try StackGraph(ordered), action: .apply)
        var done: [String: (PlanManifest.Entry, PlannedChanges)] = [:]
        var firstError: (any Error)?
        try await withThrowingTaskGroup(of: (String, Result<(PlanManifest.Entry, PlannedChanges), any Error>).self) { group in
            func startReady() {
                guard firstError == nil, !Task.isCancelled else { return }
                for stack in schedule.startReady(limit: parallelism) {
                    group.addTask {
                        do { return (stack.id, .success(try await planOne(stack, into: directory, progress: progress))) } catch {
                            return (stack.id, .failure(error))
                        }
                    }
                }
            }
            startReady()
            while let (id, result) = try await group.next() {
                schedule.finish(id)
                switch result {
                case .success(let value): done[id] = value
                case .failure(let error): if firstError == nil { firstError = error }
                }
                startReady()
            }
        }
        if let firstError { throw firstError }
        let entries = ordered.compactMap { done[$0.id]?.0 }
        let manifest = PlanManifest(commit: commit, treeDigest: treeDigest, stacks: entries)
        try manifest.write(to: directory)
        let summary = ordered.compactMap { stack in
            done[stack.id].map {
                PlanSummary.Stack(
                    id: stack.id, changes: $0.1, fullPlan: "\($0.0.directory)/\(PlanManifest.jsonFile)")
            }
        }
        return (manifest, summary)
    }

    private func planOne(
        _ stack: TerraformStack, into directory: URL, progress: @escaping @Sendable (StackResult) -> Void
    ) async throws -> (PlanManifest.Entry, PlannedChanges) {
        let started = Date()
        let name = PlanManifest.directoryName(stack.id)
        let stackDirectory = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: stackDirectory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: runner.logFile(for: stack))
        try await runner.prepare(stack)
        let state = try await runner.stateVersion(stack)
        let planFile = stackDirectory.appendingPathComponent(PlanManifest.planFile)
        _ = try await runner.savePlan(stack, to: planFile)
        let json = try await runner.planJSON(stack, planFile: planFile)
        try json.write(to: stackDirectory.appendingPathComponent(PlanManifest.jsonFile))
        let changes: PlannedChanges
        do { changes = try PlannedChanges(planJSON: json) } catch {
            throw DeliveryError.unreadableOutput(stack: stack.id, what: "the plan's JSON")
        }
        guard let bytes = FileManager.default.contents(atPath: planFile.path) else {
            throw DeliveryError.unreadableOutput(stack: stack.id, what: "the saved plan file")
        }
        let entry = PlanManifest.Entry(
            id: stack.id, directory: name, dependsOn: stack.dependsOn, state: state, fingerprint: changes.fingerprint,
            planDigest: PlannedChanges.digest(of: bytes), added: changes.count(.add), changed: changes.count(.change),
            replaced: changes.count(.replace), destroyed: changes.count(.destroy))
        let counts = ChangeCounts(
            added: entry.added + entry.replaced, changed: entry.changed, destroyed: entry.destroyed + entry.replaced)
        progress(
            StackResult(
                stack: stack.id, kind: entry.hasChanges ? .planned : .unchanged, counts: counts, seconds: Date().timeIntervalSince(started))
        )
        return (entry, changes)
    }

    /// One stack's attempt as the change log records it: when, and what came of it.
    public struct Attempt: Sendable {
        public var entry: PlanManifest.Entry
        public var started: Date
        public var finished: Date
        /// The counts applied, or the error that stopped it.
        public var outcome: Result<ChangeCounts, any Error>
    }

    /// Applies the manifest's plans in its (graph) order, one stack at a time. `stacks` gives where
    /// each planned stack lives now; `replan` is the command that makes current plans. `record`
    /// hears every stack with changes that was attempted, failed and refused ones included, before
    /// the next one starts; when it throws, nothing after that stack is applied.
    public func apply(
        _ manifest: PlanManifest, from directory: URL, stacks: [TerraformStack], replan: String,
        progress: @escaping @Sendable (StackResult) -> Void, record: @Sendable (Attempt) async throws -> Void = { _ in }
    ) async throws -> [StackResult] {
        let byID = Dictionary(stacks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = manifest.stacks.map(\.id).filter { byID[$0] == nil }
        guard missing.isEmpty else { throw DeliveryError.unknownStacks(missing) }
        var results: [StackResult] = []
        for entry in manifest.stacks {
            guard let stack = byID[entry.id] else { continue }
            let started = Date()
            guard entry.hasChanges else {
                let result = StackResult(stack: entry.id, kind: .unchanged, counts: ChangeCounts(), seconds: 0)
                progress(result)
                results.append(result)
                continue
            }
            let counts: ChangeCounts
            do { counts = try await applyOne(entry, stack, from: directory, replan: replan) } catch {
                try await record(Attempt(entry: entry, started: started, finished: Date(), outcome: .failure(error)))
                throw error
            }
            try await record(Attempt(entry: entry, started: started, finished: Date(), outcome: .success(counts)))
            let result = StackResult(stack: entry.id, kind: .applied, counts: counts, seconds: Date().timeIntervalSince(started))
            progress(result)
            results.append(result)
        }
        return results
    }

    /// Proves one stack's plan current and applies it.
    private func applyOne(
        _ entry: PlanManifest.Entry, _ stack: TerraformStack, from directory: URL, replan: String
    ) async throws
        -> ChangeCounts
    {
        let planFile = directory.appendingPathComponent(entry.directory).appendingPathComponent(PlanManifest.planFile)
        guard let bytes = FileManager.default.contents(atPath: planFile.path), PlannedChanges.digest(of: bytes) == entry.planDigest
        else {
            throw DeliveryError.planDirectory(
                path: directory.path, problem: "the plan file of \(entry.id) is missing or is not the one planned")
        }
        try? FileManager.default.removeItem(at: runner.logFile(for: stack))
        try await runner.prepare(stack)
        let now = try await runner.stateVersion(stack)
        if now != entry.state {
            throw DeliveryError.stalePlan(
                stack: entry.id,
                reason: "its state moved on since the plan: \(Self.describe(entry.state)) then, \(Self.describe(now)) now",
                replan: replan)
        }
        let fingerprint = try await currentFingerprint(stack)
        guard fingerprint == entry.fingerprint else {
            throw DeliveryError.stalePlan(
                stack: entry.id,
                reason:
                    "a fresh plan's resource changes differ from the reviewed ones (fingerprint \(entry.fingerprint.prefix(12)) then, \(fingerprint.prefix(12)) now)",
                replan: replan)
        }
        do { return try await runner.applySavedPlan(stack, planFile: planFile) } catch ProvisioningError.staleSavedPlan {
            throw DeliveryError.stalePlan(stack: entry.id, reason: "Terraform found the state changed after the plan", replan: replan)
        }
    }

    /// The fingerprint of what a plan made now would change: equal to the reviewed one only when
    /// nothing (configuration, state or the resources themselves) has moved since the review.
    private func currentFingerprint(_ stack: TerraformStack) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-check-\(UUID().uuidString.prefix(8)).tfplan")
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try await runner.savePlan(stack, to: scratch)
        do { return try PlannedChanges(planJSON: try await runner.planJSON(stack, planFile: scratch)).fingerprint } catch let error
            as PlanReadError
        {
            throw DeliveryError.unreadableOutput(stack: stack.id, what: "a fresh plan's JSON (\(error))")
        }
    }

    static func describe(_ state: StateVersion?) -> String {
        state.map { "lineage \($0.lineage) serial \($0.serial)" } ?? "no state"
    }
}
