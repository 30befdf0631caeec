/// One login whose password changes in place: `ALTER ROLE` run by the login itself.
///
/// Between `setSecret` and `finishSecret` only the pending password works, so clients holding the
/// current one fail until they re-read the secret; alternating logins avoid that window.
public struct PostgresSingleLoginStrategy: RotationStrategy {
    public let connector: PostgresConnector

    public init(connector: PostgresConnector) {
        self.connector = connector
    }

    /// Characters a password must not contain: they break connection strings and shell quoting.
    static let excludedCharacters = #"/@"'\:;%?#&=+ `"#

    public func makePending(current: String, context: RotationContext) async throws -> String {
        var login = try PostgresLogin.decode(current, secret: context.secretID)
        login.password = try await context.secrets.getRandomPassword(length: 32, excludeCharacters: Self.excludedCharacters)
        return try login.encoded()
    }

    public func setPending(pending: String, current: String, previous: String?, context: RotationContext) async throws {
        let next = try PostgresLogin.decode(pending, secret: context.secretID)
        if try await connector.canLogIn(next) { return }
        // The password in effect is the current one, or the previous one if a finished rotation's
        // password change never happened (a crash between setSecret and a later rerun).
        var candidates = [try PostgresLogin.decode(current, secret: context.secretID)]
        if let previous { candidates.append(try PostgresLogin.decode(previous, secret: context.secretID)) }
        for var login in candidates {
            login.host = next.host
            login.port = next.port
            login.dbname = next.dbname
            login.username = next.username
            guard try await connector.canLogIn(login) else { continue }
            try await connector.withConnection(login) { connection in
                _ = try await connection.query(
                    PostgresConnector.setPasswordStatement(role: next.username, password: next.password),
                    logger: PostgresConnector.quietLogger)
            }
            return
        }
        throw RotationError.strategyFailed(
            secret: context.secretID, step: .setSecret, detail: "neither the current nor the previous password signs in as \(next.username)"
        )
    }

    public func testPending(pending: String, context: RotationContext) async throws {
        let login = try PostgresLogin.decode(pending, secret: context.secretID)
        guard try await connector.canLogIn(login) else {
            throw RotationError.strategyFailed(secret: context.secretID, step: .testSecret, detail: "the pending password does not sign in")
        }
    }
}
