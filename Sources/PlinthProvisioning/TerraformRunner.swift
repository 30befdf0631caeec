import Foundation

/// Runs Terraform for one stack: init with the stack's backend, workspace selection, and one
/// plan-and-apply run whose "No changes." marks the stack unchanged. Every command's output goes
/// to the stack's log file; several stacks may run at once, each in its own directory.
public struct TerraformRunner: Sendable {
    public var environment: TerraformEnvironment
    /// The environment Terraform processes get (credentials for the emulator, CLI config).
    public var processEnvironment: [String: String]
    public var logDirectory: URL
    let processes = ProcessRunner()

    /// The name of the override file that points a stack at its local state file.
    public static let localStateOverride = "zz_plinth_local_state_override.tf.json"

    public init(environment: TerraformEnvironment, processEnvironment: [String: String], logDirectory: URL) {
        self.environment = environment
        self.processEnvironment = processEnvironment
        self.logDirectory = logDirectory
    }

    public func logFile(for stack: TerraformStack) -> URL {
        logDirectory.appendingPathComponent(stack.id.replacingOccurrences(of: "/", with: "_") + ".log")
    }

    /// `terraform init` (re-reading the backend each time, since the emulator's port may differ
    /// between runs) and `workspace select -or-create`. `localState` replaces a bootstrap stack's
    /// backend with its local state file.
    public func prepare(_ stack: TerraformStack, localState: Bool = false) async throws {
        try writeStateOverride(stack, local: localState)
        try await terraform(stack, step: "init", ["init", "-input=false", "-no-color", "-reconfigure"])
        if let workspace = stack.workspace, workspace != "default" {
            try await terraform(stack, step: "workspace select", ["workspace", "select", "-or-create", "-no-color", workspace])
        }
    }

    /// Plans and applies in one Terraform run (`apply -auto-approve`, or `-destroy`); nil when
    /// Terraform found nothing to do. One run starts the provider three times where a saved plan
    /// and its apply start it five times, and starting the AWS provider is most of a small stack's
    /// cost, so `up --local` uses this; a pipeline on real accounts keeps the reviewable saved plan.
    public func applyDirectly(_ stack: TerraformStack, destroy: Bool = false) async throws -> ChangeCounts? {
        var args = ["apply", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=10s"]
        if destroy { args.append("-destroy") }
        let started = Date()
        let result = try await run(stack, args)
        guard result.succeeded else {
            if let lockID = Self.staleLockID(in: result.output),
                Self.isOwnLock(created: Self.lockCreated(in: result.output), runStarted: started)
            {
                throw ProvisioningError.ownLockFromRetriedWrite(stack: stack.id, lockID: lockID)
            }
            throw failure(stack, step: destroy ? "destroy" : "apply", result)
        }
        if Self.reportsNoChanges(result.output) { return nil }
        return ChangeCounts(applyOutput: result.output) ?? ChangeCounts()
    }

    /// Terraform's words for a run that had nothing to do.
    static func reportsNoChanges(_ output: String) -> Bool {
        output.split(separator: "\n").contains { $0.hasPrefix("No changes.") }
    }

    /// Moves a bootstrap stack's state between its local file and its configured backend
    /// (`init -migrate-state -force-copy`); the stack must have been prepared on the other side.
    public func migrateState(_ stack: TerraformStack, toLocal: Bool) async throws {
        try writeStateOverride(stack, local: toLocal)
        try await terraform(stack, step: "init -migrate-state", ["init", "-input=false", "-no-color", "-migrate-state", "-force-copy"])
        if let workspace = stack.workspace, workspace != "default" {
            try await terraform(stack, step: "workspace select", ["workspace", "select", "-or-create", "-no-color", workspace])
        }
    }

    /// Frees a lock left by a killed run.
    public func forceUnlock(_ stack: TerraformStack, lockID: String) async throws {
        try await terraform(stack, step: "force-unlock", ["force-unlock", "-force", "-no-color", lockID])
    }

    /// The command a person runs to free a stale lock on this stack.
    public func unlockHint(_ stack: TerraformStack, lockID: String) -> String {
        "(cd \(stack.directory.path) && TF_CLI_CONFIG_FILE=\(environment.cliConfig.path) terraform force-unlock -force \(lockID))"
    }

    @discardableResult
    func terraform(_ stack: TerraformStack, step: String, _ args: [String]) async throws -> ProcessRunner.Result {
        let result = try await run(stack, args)
        guard result.succeeded else { throw failure(stack, step: step, result) }
        return result
    }

    func run(_ stack: TerraformStack, _ args: [String]) async throws -> ProcessRunner.Result {
        try await processes.run(
            environment.terraform, args, directory: stack.directory, environment: processEnvironment,
            log: logFile(for: stack))
    }

    /// A failure, recognising a stale state lock so the caller can say how to free it.
    func failure(_ stack: TerraformStack, step: String, _ result: ProcessRunner.Result) -> ProvisioningError {
        if let lockID = Self.staleLockID(in: result.output) {
            return .staleLock(stack: stack.id, lockID: lockID, hint: unlockHint(stack, lockID: lockID))
        }
        if step == "destroy", Self.refusedByDeletionProtection(result.output) {
            return .deletionProtected(stack: stack.id, log: logFile(for: stack).path)
        }
        return .terraformFailed(
            stack: stack.id, step: step, log: logFile(for: stack).path, excerpt: Self.errorExcerpt(result.output))
    }

    /// Whether AWS (or the emulator) refused a delete because the resource's deletion protection is on.
    static func refusedByDeletionProtection(_ output: String) -> Bool {
        output.range(of: "disable deletion protection", options: .caseInsensitive) != nil
    }

    /// The lock ID from Terraform's "Error acquiring the state lock" message.
    static func staleLockID(in output: String) -> String? {
        guard output.contains("Error acquiring the state lock") else { return nil }
        for line in output.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("ID:") {
                let id = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                if !id.isEmpty { return id }
            }
        }
        return nil
    }

    /// When the lock in Terraform's "Error acquiring the state lock" message was made, from its
    /// `Created:` line (Go's time format, e.g. `2026-11-27 18:10:20.280817202 +0000 UTC`).
    static func lockCreated(in output: String) -> Date? {
        guard let line = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Created:") })
        else { return nil }
        let fields = line.trimmingCharacters(in: .whitespaces).dropFirst("Created:".count).split(separator: " ")
        guard fields.count >= 3 else { return nil }
        let seconds = fields[1].split(separator: ".", maxSplits: 1)[0]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        return formatter.date(from: "\(fields[0]) \(seconds) \(fields[2])")
    }

    /// A lock made after this Terraform run started can only be the run's own: plinth runs one
    /// Terraform per stack at a time, and a lock left by anyone else predates the run. (The
    /// emulator sometimes answers the lock write so late that the client sends it again, and the
    /// repeat fails on the item the first one wrote.) Whole seconds and a little clock slack.
    static func isOwnLock(created: Date?, runStarted: Date) -> Bool {
        guard let created else { return false }
        return created >= runStarted.addingTimeInterval(-2)
    }

    /// The error blocks of Terraform's output (or its last lines), for the message.
    static func errorExcerpt(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.firstIndex(where: { $0.contains("Error:") }) {
            return lines[first...].prefix(30).joined(separator: "\n")
        }
        return lines.suffix(15).joined(separator: "\n")
    }

    /// Local state for a bootstrap stack: an override file replaces its backend with the local one.
    private func writeStateOverride(_ stack: TerraformStack, local: Bool) throws {
        let override = stack.directory.appendingPathComponent(Self.localStateOverride)
        switch (stack.state, local) {
        case (.configured, _), (.bootstrap, false):
            if FileManager.default.fileExists(atPath: override.path) { try? FileManager.default.removeItem(at: override) }
        case (.bootstrap(let path, _, _), true):
            let object: [String: Any] = ["terraform": ["backend": ["local": ["path": path.path]]]]
            do {
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                try data.write(to: override, options: .atomic)
            } catch {
                throw ProvisioningError.cannotRun(program: "terraform", detail: "cannot write \(override.path): \(error)")
            }
        }
    }
}

/// Resource counts of a plan or an apply.
public struct ChangeCounts: Sendable, Equatable, Codable {
    public var added = 0
    public var changed = 0
    public var destroyed = 0

    public init(added: Int = 0, changed: Int = 0, destroyed: Int = 0) {
        self.added = added
        self.changed = changed
        self.destroyed = destroyed
    }

    /// From "Plan: 3 to add, 1 to change, 0 to destroy."
    init(planOutput: String) {
        self.init()
        guard let line = planOutput.split(separator: "\n").last(where: { $0.hasPrefix("Plan: ") }) else { return }
        let numbers = Self.numbers(in: line)
        if numbers.count >= 3 { (added, changed, destroyed) = (numbers[0], numbers[1], numbers[2]) }
    }

    /// From "Apply complete! Resources: 3 added, 0 changed, 0 destroyed." or "Destroy complete!
    /// Resources: 5 destroyed."; nil when absent.
    init?(applyOutput: String) {
        guard let line = applyOutput.split(separator: "\n").last(where: { $0.contains("complete! Resources:") }) else {
            return nil
        }
        let numbers = Self.numbers(in: line)
        if line.hasPrefix("Destroy complete!"), let destroyed = numbers.first {
            self.init(destroyed: destroyed)
            return
        }
        guard numbers.count >= 3 else { return nil }
        self.init(added: numbers[0], changed: numbers[1], destroyed: numbers[2])
    }

    static func numbers(in line: Substring) -> [Int] {
        line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
}
