import Foundation
import Logging
import PolicyModel
import PostgresNIO
import Synchronization

/// The shared store for several instances: PostgreSQL, with its login from a `PostgresLoginSource`.
///
/// One connection, reopened when it drops; operations run one at a time. A write takes a
/// transaction-scoped advisory lock, so instances never race to the same version number. A login
/// the server refuses (its password was rotated) is asked for again and the connection retried a
/// bounded number of times, so a rotation costs a reconnect, not a failed request.
public final class PostgresPolicyStore: PolicyStore {
    private let login: any PostgresLoginSource
    private let logger: Logger
    private let serial = SerialRunner()
    private let connection = Mutex<PostgresConnection?>(nil)
    private let nextID = Atomic<Int>(1)
    /// Connection attempts per operation when the login is refused, each with a fresh login.
    static let loginAttempts = 4

    /// `postgres://user:password@host:port/database`; TLS is not negotiated (loopback or a private network).
    public convenience init(url: String, logger: Logger = Logger(label: "plinth.policy.postgres")) throws {
        self.init(login: try URLPostgresLogin(url: url), logger: logger)
    }

    public init(login: any PostgresLoginSource, logger: Logger = Logger(label: "plinth.policy.postgres")) {
        self.login = login
        self.logger = logger
    }

    private func connected() async throws -> PostgresConnection {
        if let open = connection.withLock({ $0 }), !open.isClosed { return open }
        var refresh = false
        for attempt in 1...Self.loginAttempts {
            let configuration = try await login.configuration(refresh: refresh)
            do {
                let fresh = try await PostgresConnection.connect(
                    configuration: configuration,
                    id: nextID.add(1, ordering: .relaxed).newValue, logger: logger)
                connection.withLock { $0 = fresh }
                return fresh
            } catch let error as PSQLError where Self.isLoginRefused(error) && attempt < Self.loginAttempts {
                // A rotation changed the password: read the login again. Between a single-login
                // rotation's setSecret and finishSecret the new password is not current yet, hence
                // a few attempts, a little apart.
                logger.notice("PostgreSQL refused the login; reading it again", metadata: ["attempt": "\(attempt)"])
                refresh = true
                try? await Task.sleep(for: .milliseconds(250 * attempt))
            } catch {
                throw StoreUnavailable("PostgreSQL is unreachable: \(String(reflecting: error).prefix(200))")
            }
        }
        throw StoreUnavailable("PostgreSQL refused the login \(Self.loginAttempts) times")
    }

    /// A refused password (28P01) or a login that does not exist (28000).
    static func isLoginRefused(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "28P01" || state == "28000"
    }

    /// Runs `body` on the connection; a connection-level failure drops the connection and becomes `StoreUnavailable`.
    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await serial.run {
            let connection = try await self.connected()
            do {
                return try await body(connection)
            } catch let error as PolicyChangeError {
                throw error
            } catch let error as StoreUnavailable {
                throw error
            } catch {
                if connection.isClosed { self.connection.withLock { $0 = nil } }
                throw StoreUnavailable("PostgreSQL failed: \(String(reflecting: error).prefix(300))")
            }
        }
    }

    static let migrations: [PostgresQuery] = [
        """
        CREATE TABLE IF NOT EXISTS policy_versions (
            version BIGINT PRIMARY KEY,
            document TEXT NOT NULL,
            actor TEXT NOT NULL,
            change TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id BIGSERIAL PRIMARY KEY,
            policy_version BIGINT NOT NULL REFERENCES policy_versions(version),
            actor TEXT NOT NULL,
            change TEXT NOT NULL,
            role TEXT NOT NULL,
            before TEXT,
            after TEXT,
            at DOUBLE PRECISION NOT NULL
        )
        """,
        """
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
        """,
        "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    ]

    public func migrate() async throws {
        try await withConnection { [logger] connection in
            // Two instances starting together must not run the DDL at the same time.
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(7262001)", logger: logger)
                for statement in Self.migrations { try await connection.query(statement, logger: logger) }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private static func latest(on connection: PostgresConnection, logger: Logger) async throws -> PolicyBundle? {
        let rows = try await connection.query("SELECT version, document FROM policy_versions ORDER BY version DESC LIMIT 1", logger: logger)
        for try await (version, document) in rows.decode((Int, String).self) {
            return PolicyBundle(version: version, document: try StoreCoding.decode(PolicyDocument.self, document))
        }
        return nil
    }

    public func latest() async throws -> PolicyBundle? {
        try await withConnection { [logger] connection in try await Self.latest(on: connection, logger: logger) }
    }

    public func latestVersion() async throws -> Int? {
        try await withConnection { [logger] connection in
            let rows = try await connection.query("SELECT MAX(version) FROM policy_versions", logger: logger)
            for try await (version) in rows.decode(Int?.self) { return version }
            return nil
        }
    }

    public func version(_ number: Int) async throws -> PolicyBundle? {
        try await withConnection { [logger] connection in
            let rows = try await connection.query("SELECT version, document FROM policy_versions WHERE version = \(number)", logger: logger)
            for try await (version, document) in rows.decode((Int, String).self) {
                return PolicyBundle(version: version, document: try StoreCoding.decode(PolicyDocument.self, document))
            }
            return nil
        }
    }

    public func seedIfEmpty(_ document: PolicyDocument, actor: String, at: Date) async throws -> PolicyBundle {
        let json = try StoreCoding.json(document)
        let seconds = StoreCoding.seconds(at)
        return try await withConnection { [logger] connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(7262002)", logger: logger)
                if let existing = try await Self.latest(on: connection, logger: logger) {
                    try await connection.query("COMMIT", logger: logger)
                    return existing
                }
                try await connection.query(
                    """
                    INSERT INTO policy_versions (version, document, actor, change, created_at) VALUES (1, \(json), \(actor), 'seed', \(seconds))
                    """, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return PolicyBundle(version: 1, document: document)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func apply(_ change: PolicyChange, actor: String, at: Date) async throws -> PolicyBundle {
        let seconds = StoreCoding.seconds(at)
        return try await withConnection { [logger] connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(7262002)", logger: logger)
                guard let current = try await Self.latest(on: connection, logger: logger) else {
                    throw StoreUnavailable("the store holds no policy")
                }
                let prepared = try PreparedChange.prepare(change, on: current)
                try await connection.query(
                    """
                    INSERT INTO policy_versions (version, document, actor, change, created_at)
                    VALUES (\(prepared.bundle.version), \(prepared.documentJSON), \(actor), \(prepared.change), \(seconds))
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO audit_log (policy_version, actor, change, role, before, after, at)
                    VALUES (\(prepared.bundle.version), \(actor), \(prepared.change), \(prepared.role), \(prepared.beforeJSON), \(prepared.afterJSON), \(seconds))
                    """, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return prepared.bundle
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func history(limit: Int) async throws -> [PolicyVersionRecord] {
        try await withConnection { [logger] connection in
            let rows = try await connection.query(
                "SELECT version, actor, change, created_at FROM policy_versions ORDER BY version DESC LIMIT \(limit)", logger: logger)
            var records: [PolicyVersionRecord] = []
            for try await (version, actor, change, created) in rows.decode((Int, String, String, Double).self) {
                records.append(
                    PolicyVersionRecord(version: version, actor: actor, change: change, createdAt: Date(timeIntervalSince1970: created)))
            }
            return records
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await withConnection { [logger] connection in
            let rows = try await connection.query(
                "SELECT id, policy_version, actor, change, role, before, after, at FROM audit_log ORDER BY id LIMIT \(limit)",
                logger: logger)
            var entries: [AuditEntry] = []
            for try await (id, version, actor, change, role, before, after, at) in rows.decode(
                (Int, Int, String, String, String, String?, String?, Double).self)
            {
                entries.append(
                    AuditEntry(
                        id: id, policyVersion: version, actor: actor, change: change, role: role,
                        before: try before.map { try StoreCoding.decode(Role.self, $0) },
                        after: try after.map { try StoreCoding.decode(Role.self, $0) },
                        at: Date(timeIntervalSince1970: at)))
            }
            return entries
        }
    }

    public func close() async throws {
        let open = connection.withLock { current -> PostgresConnection? in
            defer { current = nil }
            return current
        }
        try await open?.close()
    }
}
