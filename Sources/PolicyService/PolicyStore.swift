import Foundation
import PolicyModel

/// Durable policy storage: every version of the policy document and an append-only audit log.
///
/// Implementations apply a change, write the new version and its audit entry in one transaction,
/// so a failure leaves neither behind.
public protocol PolicyStore: Sendable {
    /// Creates or upgrades the schema; safe to run on every start.
    func migrate() async throws
    /// The newest version, or nil when nothing has been stored yet.
    func latest() async throws -> PolicyBundle?
    /// The newest version number only (cheap; used to notice changes made by other instances).
    func latestVersion() async throws -> Int?
    /// Stores `document` as version 1 when the store is empty; returns the newest version either way.
    func seedIfEmpty(_ document: PolicyDocument, actor: String, at: Date) async throws -> PolicyBundle
    /// Applies a change as a new version with its audit entry, in one transaction.
    func apply(_ change: PolicyChange, actor: String, at: Date) async throws -> PolicyBundle
    /// Versions, newest first.
    func history(limit: Int) async throws -> [PolicyVersionRecord]
    /// One stored version.
    func version(_ number: Int) async throws -> PolicyBundle?
    /// Audit entries, oldest first.
    func auditLog(limit: Int) async throws -> [AuditEntry]
    func close() async throws
}

/// The storage cannot be reached or answered with an error; callers answer 503.
public struct StoreUnavailable: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One stored version, without its document.
public struct PolicyVersionRecord: Codable, Sendable, Hashable {
    public var version: Int
    public var actor: String
    public var change: String
    public var createdAt: Date
}

/// One audit entry: who changed what, the role before and after, and when.
public struct AuditEntry: Codable, Sendable, Hashable {
    public var id: Int
    public var policyVersion: Int
    public var actor: String
    public var change: String
    public var role: String
    public var before: Role?
    public var after: Role?
    public var at: Date
}

/// What a change writes, computed once for every store.
struct PreparedChange {
    let bundle: PolicyBundle
    let documentJSON: String
    let change: String
    let role: String
    let beforeJSON: String?
    let afterJSON: String?

    static func prepare(_ change: PolicyChange, on current: PolicyBundle) throws -> PreparedChange {
        let next = try current.document.applying(change).get()
        let bundle = PolicyBundle(version: current.version + 1, document: next)
        return PreparedChange(
            bundle: bundle, documentJSON: try StoreCoding.json(next), change: change.kind, role: change.roleName,
            beforeJSON: try current.document.role(named: change.roleName).map(StoreCoding.json),
            afterJSON: try next.role(named: change.roleName).map(StoreCoding.json))
    }
}

/// JSON and time encodings shared by the stores.
enum StoreCoding {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Times are stored as seconds since 1970, which both databases keep exactly enough.
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
}

/// Runs async operations one at a time, in order, so one database connection never interleaves two transactions.
actor SerialRunner {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task {
            await previous?.value
            return try await operation()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
