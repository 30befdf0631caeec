import PostgresNIO

/// Two logins, `<owner>_a` and `<owner>_b`, members of one NOLOGIN role `<owner>`; each rotation
/// gives the login that is not current a new password and makes it current.
///
/// The current login is never touched, so connections and clients using the current secret keep
/// working through the rotation and until the next one. Each login's sessions start with
/// `SET ROLE <owner>`, so whatever either creates belongs to the owner role and the other can use
/// it. The administrator login named by the secret's `masterarn` creates and alters the logins.
public struct PostgresAlternatingLoginsStrategy: RotationStrategy {
    public let connector: PostgresConnector

    public init(connector: PostgresConnector) {
        self.connector = connector
    }

    /// The owner role and the other login, from a login name ending in `_a` or `_b`.
    static func alternate(of username: String) -> (owner: String, other: String)? {
        for (suffix, otherSuffix) in [("_a", "_b"), ("_b", "_a")] where username.hasSuffix(suffix) && username.count > 2 {
            let owner = String(username.dropLast(2))
            return (owner, owner + otherSuffix)
        }
        return nil
    }

    public func makePending(current: String, context: RotationContext) async throws -> String {
        var login = try PostgresLogin.decode(current, secret: context.secretID)
        guard let names = Self.alternate(of: login.username) else {
            throw RotationError.malformedValue(secret: context.secretID, detail: "username must end in _a or _b for alternating logins")
        }
        guard login.masterarn != nil else {
            throw RotationError.malformedValue(secret: context.secretID, detail: "alternating logins need masterarn")
        }
        login.username = names.other
        login.password = try await context.secrets.getRandomPassword(
            length: 32, excludeCharacters: PostgresSingleLoginStrategy.excludedCharacters)
        return try login.encoded()
    }

    public func setPending(pending: String, current: String, previous: String?, context: RotationContext) async throws {
        let next = try PostgresLogin.decode(pending, secret: context.secretID)
        let currentLogin = try PostgresLogin.decode(current, secret: context.secretID)
        guard let names = Self.alternate(of: next.username), next.username != currentLogin.username,
            let masterARN = next.masterarn
        else {
            throw RotationError.malformedValue(secret: context.secretID, detail: "pending login must be the other of the pair")
        }
        if try await connector.canLogIn(next) { return }
        guard let masterValue = try await context.secrets.getSecretValue(id: masterARN, versionStage: SecretRotator.current).secretString
        else { throw RotationError.noCurrentValue(secret: masterARN) }
        var admin = try PostgresLogin.decode(masterValue, secret: masterARN)
        admin.host = next.host
        admin.port = next.port
        admin.dbname = next.dbname
        try await connector.withConnection(admin) { connection in
            let logger = PostgresConnector.quietLogger
            let owner = PostgresConnector.identifier(names.owner)
            let login = PostgresConnector.identifier(next.username)
            let exists = try await connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(next.username)", logger: logger)
                .collect()
            if exists.isEmpty {
                _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(login) LOGIN IN ROLE \(owner)"), logger: logger)
            }
            _ = try await connection.query(PostgresQuery(unsafeSQL: "GRANT \(owner) TO \(login)"), logger: logger)
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER ROLE \(login) SET role = '\(names.owner.replacingOccurrences(of: "'", with: "''"))'"),
                logger: logger)
            _ = try await connection.query(
                PostgresConnector.setPasswordStatement(role: next.username, password: next.password), logger: logger)
        }
    }

    public func testPending(pending: String, context: RotationContext) async throws {
        let login = try PostgresLogin.decode(pending, secret: context.secretID)
        guard let names = Self.alternate(of: login.username) else {
            throw RotationError.malformedValue(secret: context.secretID, detail: "username must end in _a or _b")
        }
        let role = try await connector.withConnection(login) { connection -> String? in
            let rows = try await connection.query("SELECT current_user::text", logger: PostgresConnector.quietLogger).collect()
            return try rows.first?.decode(String.self)
        }
        guard role == names.owner else {
            throw RotationError.strategyFailed(
                secret: context.secretID, step: .testSecret, detail: "\(login.username) does not act as \(names.owner)")
        }
    }
}
