import Foundation

/// One entry of the change-management log: who changed which stack, from which reviewed plan,
/// when, and what came of it. `plinth apply` writes one per stack it attempts, a failed or refused
/// attempt included, so the log shows what was tried as well as what took effect.
public struct ChangeRecord: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable, Equatable {
        /// The reviewed plan was applied.
        case applied
        /// The apply was refused (a stale plan) or failed part-way; `detail` says why.
        case failed
    }

    /// Groups the records of one `apply` run (the workflow run and attempt, or a generated id).
    public var changeID: String
    /// `owner/name`, when the run belongs to a GitHub repository.
    public var repository: String?
    public var commit: String?
    public var pullRequest: Int?
    /// The reviewer who approved the deploy (the workflow's environment approval), when there is one.
    public var approvedBy: String?
    /// Who started the run.
    public var actor: String?
    /// The workflow run, for a person following the record back.
    public var runURL: String?
    /// The reviewed plan's fingerprint (SHA-256 of its `resource_changes`).
    public var planFingerprint: String
    public var stack: String
    public var account: String?
    public var role: String?
    public var started: Date
    public var finished: Date
    public var result: Result
    public var detail: String?
    public var added: Int
    public var changed: Int
    public var destroyed: Int

    public init(
        context: ChangeContext, planFingerprint: String, stack: String, account: String?, role: String?, started: Date,
        finished: Date, result: Result, detail: String? = nil, added: Int = 0, changed: Int = 0, destroyed: Int = 0
    ) {
        self.changeID = context.changeID
        self.repository = context.repository
        self.commit = context.commit
        self.pullRequest = context.pullRequest
        self.approvedBy = context.approvedBy
        self.actor = context.actor
        self.runURL = context.runURL
        self.planFingerprint = planFingerprint
        self.stack = stack
        self.account = account
        self.role = role
        self.started = started
        self.finished = finished
        self.result = result
        self.detail = detail
        self.added = added
        self.changed = changed
        self.destroyed = destroyed
    }

    /// Stable JSON: sorted keys, ISO 8601 times, so records compare and diff as text.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ChangeRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ChangeRecord.self, from: data)
    }
}

/// What a workflow knows about the change being applied: read from GitHub Actions' variables, with
/// what the command line says taking precedence (the approver is not in the environment: the
/// workflow passes the environment's reviewer).
public struct ChangeContext: Sendable, Equatable {
    public var changeID: String
    public var repository: String?
    public var commit: String?
    public var pullRequest: Int?
    public var approvedBy: String?
    public var actor: String?
    public var runURL: String?

    public init(
        changeID: String, repository: String? = nil, commit: String? = nil, pullRequest: Int? = nil, approvedBy: String? = nil,
        actor: String? = nil, runURL: String? = nil
    ) {
        self.changeID = changeID
        self.repository = repository
        self.commit = commit
        self.pullRequest = pullRequest
        self.approvedBy = approvedBy
        self.actor = actor
        self.runURL = runURL
    }

    /// From `GITHUB_*` variables when present. The change id is the run and its attempt (a re-run
    /// is a new change); outside a workflow it is the time and a random suffix.
    public static func from(
        environment: [String: String], commit: String?, approvedBy: String?, pullRequest: Int?, now: Date = Date()
    ) -> ChangeContext {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let changeID: String
        if let run = value("GITHUB_RUN_ID") {
            changeID = "gh-\(run)-\(value("GITHUB_RUN_ATTEMPT") ?? "1")"
        } else {
            changeID = "local-\(ChangeLog.compactTime(now))-\(UUID().uuidString.prefix(8).lowercased())"
        }
        var runURL: String?
        if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"), let run = value("GITHUB_RUN_ID") {
            runURL = "\(server)/\(repository)/actions/runs/\(run)"
        }
        return ChangeContext(
            changeID: changeID, repository: value("GITHUB_REPOSITORY"), commit: value("GITHUB_SHA") ?? commit,
            pullRequest: pullRequest ?? pullRequestNumber(ref: value("GITHUB_REF")), approvedBy: approvedBy,
            actor: value("GITHUB_ACTOR"), runURL: runURL)
    }

    /// `refs/pull/42/merge` -> 42.
    static func pullRequestNumber(ref: String?) -> Int? {
        guard let parts = ref?.split(separator: "/"), parts.count == 4, parts[0] == "refs", parts[1] == "pull" else { return nil }
        return Int(parts[2])
    }
}
