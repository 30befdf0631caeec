import Foundation
import PlinthAWS
import PostgresNIO
import Synchronization
import Testing

@testable import SecretRotation

/// Two logins in one owner role, rotated in turn while a client keeps querying with whatever
/// secret is current.
@Suite(.serialized) struct AlternatingLoginsRotationTests {
    @Test func clientsUsingTheCurrentSecretNeverFailThroughRotations() async throws {
        try await withPostgresAndSecretsManager { postgres, aws in
            let secret = try await postgres.alternatingLogins(aws, secretName: "test/policy/database")
            let rotator = SecretRotator(
                secrets: aws.secrets,
                configuration: .init(
                    secrets: ["test/policy/database": .init(strategy: .postgresAlternatingLogins)], caBundlePath: postgres.caFile))
            let connector = try PostgresConnector(caBundlePath: postgres.caFile)
            let logger = PostgresConnector.quietLogger

            let firstLogin = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
            try await connector.withConnection(firstLogin) { connection in
                _ = try await connection.query("CREATE TABLE visits (id int)", logger: logger)
                _ = try await connection.query("INSERT INTO visits VALUES (1)", logger: logger)
            }

            // The client: a fresh connection per query with the current secret, until told to stop.
            let stop = Mutex(false)
            let client = Task {
                var (queries, failures) = (0, [String]())
                while !stop.withLock({ $0 }) && queries < 5_000 {
                    do {
                        let login = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
                        try await connector.withConnection(login) { connection in
                            _ = try await connection.query("SELECT count(*) FROM visits", logger: logger).collect()
                        }
                    } catch {
                        failures.append(String(describing: error))
                    }
                    queries += 1
                }
                return (queries, failures)
            }

            // Three rotations: _a -> _b (created on first use) -> _a -> _b, one stopped after setSecret and rerun.
            var usernames: [String] = []
            for round in 0..<3 {
                let old = try #require(try await aws.stages(secret).first { $0.value.contains("AWSCURRENT") }?.key)
                let token = try await aws.startRotation(secret)
                if round == 1 { try await aws.drive(rotator, secret: secret, token: token, steps: [.createSecret, .setSecret]) }
                try await aws.drive(rotator, secret: secret, token: token)
                PostgresRotationTests.expectFinished(try await aws.stages(secret), token: token, old: old)
                usernames.append(try PostgresLogin.decode(try await aws.value(secret), secret: secret).username)
            }
            stop.withLock { $0 = true }
            let (queries, failures) = await client.value
            #expect(usernames == ["policy_b", "policy_a", "policy_b"])
            #expect(failures.isEmpty, "\(failures.count) of \(queries) queries failed: \(failures.prefix(3))")
            #expect(queries >= 10)

            // What one login created, the other uses: both act as the owner role.
            let current = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
            let previous = try PostgresLogin.decode(try await aws.value(secret, stage: "AWSPREVIOUS"), secret: secret)
            #expect(current.username != previous.username)
            for login in [current, previous] {
                let count = try await connector.withConnection(login) { connection -> Int in
                    _ = try await connection.query("INSERT INTO visits VALUES (2)", logger: logger)
                    let rows = try await connection.query("SELECT count(*)::int FROM visits", logger: logger).collect()
                    return try rows.first?.decode(Int.self) ?? 0
                }
                #expect(count >= 2)
            }
        }
    }

    /// Each step in turn is the last one before the process dies; a rerun of the same events
    /// completes the rotation, and the current login works throughout.
    @Test func aRotationStoppedAfterEachStepIsCompletedByARerun() async throws {
        try await withPostgresAndSecretsManager { postgres, aws in
            let secret = try await postgres.alternatingLogins(aws, secretName: "test/policy/database")
            let rotator = SecretRotator(
                secrets: aws.secrets,
                configuration: .init(
                    secrets: ["test/policy/database": .init(strategy: .postgresAlternatingLogins)], caBundlePath: postgres.caFile))
            let connector = try PostgresConnector(caBundlePath: postgres.caFile)
            for stoppedAfter in [1, 2, 3] {
                let old = try #require(PostgresRotationTests.currentVersion(try await aws.stages(secret)))
                let oldLogin = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
                let token = try await aws.startRotation(secret)
                try await aws.drive(rotator, secret: secret, token: token, steps: Array(RotationEvent.Step.allCases.prefix(stoppedAfter)))
                #expect(try await aws.stages(secret)[token] == ["AWSPENDING"], "stopped after \(stoppedAfter)")
                #expect(try await aws.stages(secret)[old] == ["AWSCURRENT"], "stopped after \(stoppedAfter)")
                #expect(try await connector.canLogIn(oldLogin), "the current login works while the rotation is stopped")
                try await aws.drive(rotator, secret: secret, token: token)
                PostgresRotationTests.expectFinished(try await aws.stages(secret), token: token, old: old)
                let newLogin = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
                #expect(newLogin.username != oldLogin.username, "stopped after \(stoppedAfter)")
                #expect(try await connector.canLogIn(newLogin))
                #expect(try await connector.canLogIn(oldLogin), "the previous login stays valid until the next rotation")
            }
        }
    }
}
