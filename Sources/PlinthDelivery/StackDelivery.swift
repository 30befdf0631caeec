import Foundation
import PlinthAWS
import PlinthProvisioning
import PlinthRender

/// `plinth plan` and `plinth apply`: a target's stacks (the emulator's with `--local`, the
/// committed ones on the real accounts without) planned into a directory and applied from it with
/// `SavedPlans`.
public struct StackDelivery: Sendable {
    public var target: any StackTarget
    /// platform.yaml; its repository gives the commit plans are tied to.
    public var specPath: URL

    public init(target: any StackTarget, specPath: URL) {
        self.target = target
        self.specPath = specPath.standardizedFileURL
    }

    /// What `plan` wrote.
    public struct PlanResult: Sendable {
        public var manifest: PlanManifest
        public var summaryFile: URL
        /// Stacks asked for (through --affected-since) that the emulator cannot plan, with why.
        public var skipped: [(stack: String, reason: String)]
    }

    var commit: String? {
        (try? GitRepository(containing: specPath.deletingLastPathComponent(), environment: target.environment))?.head()
    }

    /// Plans `stackIDs` plus the stacks affected since `affectedSince` (every stack when both are
    /// empty) into `directory`, replacing an earlier plan directory there.
    public func plan(
        stackIDs: [String], affectedSince: String?, into directory: URL,
        notes: @escaping @Sendable (ProvisionEvent) -> Void, progress: @escaping @Sendable (SavedPlans.StackResult) -> Void
    ) async throws -> PlanResult {
        var wanted = stackIDs
        var fromAffected: [String] = []
        if let affectedSince {
            let affected = try AffectedFinder(specPath: specPath, environment: target.environment).find(base: affectedSince)
            fromAffected = affected.affected.stacks.map(\.id)
            wanted += fromAffected
        }
        try Self.prepareDirectory(directory)
        var target = self.target
        let all = wanted.isEmpty && affectedSince == nil
        target.selection = StackSelection(requested: all ? [] : wanted)
        let commit = self.commit
        let parallelism = target.parallelism
        let notServed = target.notServed
        return try await target.withStacks(region: target.spec.terraformState.region.rawValue, progress: notes) { prepared, _ in
            var skipped: [(String, String)] = []
            var ids: Set<String>
            if all {
                ids = Set(prepared.stacks.map(\.id))
            } else {
                try Self.checkRequested(stackIDs, in: prepared, notServed: notServed)
                ids = Set(stackIDs)
                for id in fromAffected {
                    if let reason = Self.whyNotPlannable(id, in: prepared, notServed: notServed) {
                        skipped.append((id, reason))
                    } else {
                        ids.insert(id)
                    }
                }
            }
            let targets = prepared.stacks.filter { ids.contains($0.id) }
            let digest = PlanManifest.treeDigest(prepared.rendered.files, stacks: targets.map(\.id))
            let saved = SavedPlans(runner: prepared.runner, parallelism: parallelism)
            let (manifest, stacks) = try await saved.plan(
                targets, into: directory, commit: commit, treeDigest: digest, progress: progress)
            let title = "Plan" + (commit.map { " at \($0.prefix(12))" } ?? "")
            let summaryFile = directory.appendingPathComponent("summary.md")
            try PlanSummary(stacks: stacks, title: title).markdown().write(to: summaryFile, atomically: true, encoding: .utf8)
            return PlanResult(manifest: manifest, summaryFile: summaryFile, skipped: skipped)
        }
    }

    /// Applies the plans in `directory` after checking that they belong to this commit and tree,
    /// and appends a change record per stack attempted to the change log (`pipelines.changeLog`);
    /// `context` says who and what for (from the environment's `GITHUB_*` variables when nil).
    public func apply(
        plans directory: URL, context: ChangeContext? = nil,
        notes: @escaping @Sendable (ProvisionEvent) -> Void, progress: @escaping @Sendable (SavedPlans.StackResult) -> Void
    ) async throws -> [SavedPlans.StackResult] {
        let manifest = try PlanManifest.read(from: directory)
        if let planned = manifest.commit, let current = commit, planned != current {
            throw DeliveryError.planDirectory(
                path: directory.path,
                problem: "it was planned at commit \(planned.prefix(12)), the working tree is at \(current.prefix(12))")
        }
        let ids = manifest.stacks.map(\.id)
        var target = self.target
        let replan = (["plinth", "plan"] + target.commandFlags + ids.map { "--stack \($0)" } + ["--out", directory.path])
            .joined(separator: " ")
        target.selection = StackSelection(requested: ids)
        let context = context ?? ChangeContext.from(environment: target.environment, commit: commit, approvedBy: nil, pullRequest: nil)
        let spec = target.spec
        let roles = AffectedFinder.deployRoles(spec)
        let parallelism = target.parallelism
        let notServed = target.notServed
        return try await target.withStacks(region: spec.regions.primary.rawValue, progress: notes) { prepared, aws in
            try Self.checkRequested(ids, in: prepared, notServed: notServed)
            let targets = prepared.stacks.filter { ids.contains($0.id) }
            guard PlanManifest.treeDigest(prepared.rendered.files, stacks: ids) == manifest.treeDigest else {
                throw DeliveryError.planDirectory(
                    path: directory.path,
                    problem:
                        "the stacks render differently now than when they were planned (the spec, a module or the endpoint changed); plan again: \(replan)"
                )
            }
            let store = S3ChangeLogStore(s3: S3Client(client: aws), bucket: spec.pipelines.changeLog.bucket)
            if manifest.stacks.contains(where: \.hasChanges) { try await store.check() }
            let log = ChangeLog(store: store)
            let accounts = Dictionary(prepared.rendered.stacks.map { ($0.id, $0.account) }, uniquingKeysWith: { first, _ in first })
            let saved = SavedPlans(runner: prepared.runner, parallelism: parallelism)
            return try await saved.apply(manifest, from: directory, stacks: targets, replan: replan, progress: progress) { attempt in
                let account = accounts[attempt.entry.id] ?? nil
                var record = ChangeRecord(
                    context: context, planFingerprint: attempt.entry.fingerprint, stack: attempt.entry.id, account: account,
                    role: account.flatMap { roles[$0] }, started: attempt.started, finished: attempt.finished, result: .applied)
                switch attempt.outcome {
                case .success(let counts):
                    (record.added, record.changed, record.destroyed) = (counts.added, counts.changed, counts.destroyed)
                case .failure(let error):
                    record.result = .failed
                    record.detail = "\(error)"
                }
                try await log.append(record)
            }
        }
    }

    /// Every id is a stack the target can plan: unknown ids first, then the others with why.
    static func checkRequested(_ ids: [String], in prepared: PreparedStacks, notServed: String) throws(DeliveryError) {
        let rendered = Set(prepared.rendered.stacks.map(\.id))
        let unknown = ids.filter { !rendered.contains($0) && !$0.hasPrefix("saas/") }
        guard unknown.isEmpty else { throw .unknownStacks(unknown) }
        for id in ids {
            if let reason = whyNotPlannable(id, in: prepared, notServed: notServed) { throw .notPlannable(stack: id, reason: reason) }
        }
    }

    static func whyNotPlannable(_ id: String, in prepared: PreparedStacks, notServed: String) -> String? {
        guard let descriptor = prepared.rendered.stacks.first(where: { $0.id == id }), descriptor.provider == "aws" else {
            return notServed
        }
        if let blocker = descriptor.blockedBy { return "blocked by \(blocker)" }
        if !prepared.stacks.contains(where: { $0.id == id }) {
            return prepared.skipped.first { $0.stack == id }?.reason ?? "not selected for this target"
        }
        return nil
    }

    /// An absent or empty directory, or one an earlier `plan` wrote (it is cleared); anything else
    /// is refused, so a mistyped --out never empties a directory of other files.
    static func prepareDirectory(_ directory: URL) throws(DeliveryError) {
        let fileManager = FileManager.default
        let entries = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        if !entries.isEmpty {
            guard entries.contains(PlanManifest.fileName) else {
                throw .planDirectory(path: directory.path, problem: "it holds other files; give an empty or new directory to --out")
            }
            try? fileManager.removeItem(at: directory)
        }
        do { try fileManager.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .planDirectory(path: directory.path, problem: "cannot create it (\(error.localizedDescription))")
        }
    }
}
