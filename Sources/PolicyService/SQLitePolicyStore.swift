import Foundation
import Logging
import PolicyModel
import SQLiteNIO

/// The embedded default store: one SQLite file, one connection, operations run one at a time.
public final class SQLitePolicyStore: PolicyStore {
    private let connection: SQLiteConnection
    private let serial = SerialRunner()

    /// Opens (creating if needed) the database at `path`; `:memory:` gives a private in-memory database.
    public static func open(path: String, logger: Logger = Logger(label: "plinth.policy.sqlite")) async throws -> SQLitePolicyStore {
        let storage: SQLiteConnection.Storage = path == ":memory:" ? .memory : .file(path: path)
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        return SQLitePolicyStore(connection: connection)
    }

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    static let migrations: [String] = [
        """
        CREATE TABLE IF NOT EXISTS policy_versions (
            version INTEGER PRIMARY KEY,
            document TEXT NOT NULL,
            actor TEXT NOT NULL,
            change TEXT NOT NULL,
            created_at REAL NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            policy_version INTEGER NOT NULL REFERENCES policy_versions(version),
            actor TEXT NOT NULL,
            change TEXT NOT NULL,
            role TEXT NOT NULL,
            before TEXT,
            after TEXT,
            at REAL NOT NULL
        )
        """,
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ]

    public func migrate() async throws {
        try await serial.run { [connection] in
            _ = try await connection.query("PRAGMA journal_mode=WAL", [])
            _ = try await connection.query("PRAGMA foreign_keys=ON", [])
            for statement in Self.migrations { _ = try await connection.query(statement, []) }
        }
    }

    public func latest() async throws -> PolicyBundle? {
        try await serial.run { [connection] in try await Self.latest(on: connection) }
    }

    private static func latest(on connection: SQLiteConnection) async throws -> PolicyBundle? {
        let rows = try await connection.query("SELECT version, document FROM policy_versions ORDER BY version DESC LIMIT 1", [])
        guard let row = rows.first else { return nil }
        return try bundle(row)
    }

    private static func bundle(_ row: SQLiteRow) throws -> PolicyBundle {
        guard let version = row.column("version")?.integer, let text = row.column("document")?.string else {
            throw StoreUnavailable("a policy_versions row is incomplete")
        }
        return PolicyBundle(version: Int(version), document: try StoreCoding.decode(PolicyDocument.self, text))
    }

    public func latestVersion() async throws -> Int? {
        try await serial.run { [connection] in
            let rows = try await connection.query("SELECT MAX(version) AS version FROM policy_versions", [])
            return rows.first?.column("version")?.integer.map { Int($0) }
        }
    }

    public func version(_ number: Int) async throws -> PolicyBundle? {
        try await serial.run { [connection] in
            let rows = try await connection.query("SELECT version, document FROM policy_versions WHERE version = ?", [.integer(number)])
            return try rows.first.map(Self.bundle)
        }
    }

    public func seedIfEmpty(_ document: PolicyDocument, actor: String, at: Date) async throws -> PolicyBundle {
        try await serial.run { [connection] in
            if let existing = try await Self.latest(on: connection) { return existing }
            _ = try await connection.query(
                "INSERT INTO policy_versions (version, document, actor, change, created_at) VALUES (1, ?, ?, 'seed', ?)",
                [.text(try StoreCoding.json(document)), .text(actor), .float(StoreCoding.seconds(at))])
            return PolicyBundle(version: 1, document: document)
        }
    }

    public func apply(_ change: PolicyChange, actor: String, at: Date) async throws -> PolicyBundle {
        try await serial.run { [connection] in
            _ = try await connection.query("BEGIN IMMEDIATE", [])
            do {
                guard let current = try await Self.latest(on: connection) else { throw StoreUnavailable("the store holds no policy") }
                let prepared = try PreparedChange.prepare(change, on: current)
                _ = try await connection.query(
                    "INSERT INTO policy_versions (version, document, actor, change, created_at) VALUES (?, ?, ?, ?, ?)",
                    [
                        .integer(prepared.bundle.version), .text(prepared.documentJSON), .text(actor), .text(prepared.change),
                        .float(StoreCoding.seconds(at)),
                    ])
                _ = try await connection.query(
                    "INSERT INTO audit_log (policy_version, actor, change, role, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        .integer(prepared.bundle.version), .text(actor), .text(prepared.change), .text(prepared.role),
                        prepared.beforeJSON.map(SQLiteData.text) ?? .null, prepared.afterJSON.map(SQLiteData.text) ?? .null,
                        .float(StoreCoding.seconds(at)),
                    ])
                _ = try await connection.query("COMMIT", [])
                return prepared.bundle
            } catch {
                _ = try? await connection.query("ROLLBACK", [])
                throw error
            }
        }
    }

    public func history(limit: Int) async throws -> [PolicyVersionRecord] {
        try await serial.run { [connection] in
            let rows = try await connection.query(
                "SELECT version, actor, change, created_at FROM policy_versions ORDER BY version DESC LIMIT ?", [.integer(limit)])
            return rows.map { row in
                PolicyVersionRecord(
                    version: Int(row.column("version")?.integer ?? 0), actor: row.column("actor")?.string ?? "",
                    change: row.column("change")?.string ?? "",
                    createdAt: Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0))
            }
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await serial.run { [connection] in
            let rows = try await connection.query(
                "SELECT id, policy_version, actor, change, role, before, after, at FROM audit_log ORDER BY id LIMIT ?", [.integer(limit)])
            return try rows.map { row in
                AuditEntry(
                    id: Int(row.column("id")?.integer ?? 0), policyVersion: Int(row.column("policy_version")?.integer ?? 0),
                    actor: row.column("actor")?.string ?? "", change: row.column("change")?.string ?? "",
                    role: row.column("role")?.string ?? "",
                    before: try row.column("before")?.string.map { try StoreCoding.decode(Role.self, $0) },
                    after: try row.column("after")?.string.map { try StoreCoding.decode(Role.self, $0) },
                    at: Date(timeIntervalSince1970: row.column("at")?.double ?? 0))
            }
        }
    }

    public func close() async throws {
        try await connection.close()
    }
}
