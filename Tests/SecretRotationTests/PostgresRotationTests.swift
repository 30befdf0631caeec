import Foundation
import PlinthAWS
import PostgresNIO
import Testing

@testable import SecretRotation

/// Rotations of PostgreSQL logins against a real TLS-only PostgreSQL and the emulator's Secrets
/// Manager, driven by the events Secrets Manager sends.
@Suite(.serialized) struct PostgresRotationTests {
    /// The labels a finished rotation leaves: the token current, the old version previous, no pending.
    static func expectFinished(_ stages: [String: [String]], token: String, old: String, sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(stages[token] == ["AWSCURRENT"], sourceLocation: sourceLocation)
        #expect(stages[old] == ["AWSPREVIOUS"], sourceLocation: sourceLocation)
        #expect(!stages.values.contains { $0.contains("AWSPENDING") }, sourceLocation: sourceLocation)
    }

    static func currentVersion(_ stages: [String: [String]]) -> String? {
        stages.first { $0.value.contains("AWSCURRENT") }?.key
    }

    @Test func singleLoginRotatesAndSurvivesACrashAfterEveryStep() async throws {
        try await withPostgresAndSecretsManager { postgres, aws in
            let firstPassword = UUID().uuidString
            try await postgres.superuser([
                "CREATE ROLE svc LOGIN", PostgresConnector.setPasswordStatement(role: "svc", password: firstPassword),
            ])
            let secret = try await aws.createSecret(
                name: "test/svc/database", value: try postgres.login("svc", password: firstPassword).encoded())
            let configuration = RotationConfiguration(
                secrets: ["test/svc/database": .init(strategy: .postgresSingleLogin)], caBundlePath: postgres.caFile)
            let rotator = SecretRotator(secrets: aws.secrets, configuration: configuration)
            let connector = try PostgresConnector(caBundlePath: postgres.caFile)

            // A full rotation, then one stopped after each step in turn and completed by a rerun.
            for stoppedAfter in [4, 1, 2, 3] {
                let old = try #require(Self.currentVersion(try await aws.stages(secret)))
                let oldLogin = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
                let token = try await aws.startRotation(secret)
                try await aws.drive(rotator, secret: secret, token: token, steps: Array(RotationEvent.Step.allCases.prefix(stoppedAfter)))
                if stoppedAfter < 4 {
                    #expect(try await aws.stages(secret)[token] == ["AWSPENDING"])
                    #expect(try await aws.stages(secret)[old] == ["AWSCURRENT"])
                    try await aws.drive(rotator, secret: secret, token: token)
                }
                Self.expectFinished(try await aws.stages(secret), token: token, old: old)
                let newLogin = try PostgresLogin.decode(try await aws.value(secret), secret: secret)
                #expect(newLogin.password != oldLogin.password)
                #expect(try await connector.canLogIn(newLogin))
                #expect(try await connector.canLogIn(oldLogin) == false)
                // A repeated event for a finished rotation changes nothing.
                try await aws.drive(rotator, secret: secret, token: token)
                Self.expectFinished(try await aws.stages(secret), token: token, old: old)
            }
        }
    }

    @Test func refusesASecondRotationAForeignTokenAndAnUnverifiedServer() async throws {
        try await withPostgresAndSecretsManager { postgres, aws in
            let password = UUID().uuidString
            try await postgres.superuser(["CREATE ROLE svc LOGIN", PostgresConnector.setPasswordStatement(role: "svc", password: password)])
            let login = postgres.login("svc", password: password)
            let secret = try await aws.createSecret(name: "test/svc/database", value: try login.encoded())
            let entry = RotationConfiguration.Secret(strategy: .postgresSingleLogin)
            let rotator = SecretRotator(
                secrets: aws.secrets, configuration: .init(secrets: ["test/svc/database": entry], caBundlePath: postgres.caFile))
            let connector = try PostgresConnector(caBundlePath: postgres.caFile)

            // A database certificate that does not chain to the configured CA fails setSecret; the
            // password is untouched and the labels stay where they were.
            let untrusting = SecretRotator(
                secrets: aws.secrets, configuration: .init(secrets: ["test/svc/database": entry], caBundlePath: postgres.untrustedCAFile))
            let old = try #require(Self.currentVersion(try await aws.stages(secret)))
            let token = try await aws.startRotation(secret)
            try await aws.drive(untrusting, secret: secret, token: token, steps: [.createSecret])
            await #expect(throws: (any Error).self) {
                try await aws.drive(untrusting, secret: secret, token: token, steps: [.setSecret])
            }
            #expect(try await connector.canLogIn(login))
            #expect(try await aws.stages(secret)[old] == ["AWSCURRENT"])

            // A server that declines TLS is refused before any credential is sent.
            let plaintext = try await PlaintextOnlyServer.start()
            var downgraded = try PostgresLogin.decode(try await aws.value(secret, stage: "AWSPENDING"), secret: secret)
            downgraded.port = plaintext.port
            await #expect(throws: (any Error).self) { _ = try await connector.canLogIn(downgraded) }
            #expect(await plaintext.sawStartupMessage() == false)
            await plaintext.stop()

            // A second rotation while this one is pending is refused and changes nothing.
            let second = UUID().uuidString.lowercased()
            await #expect(throws: RotationError.rotationInProgress(secret: secret, pending: token, token: second)) {
                try await rotator.handle(RotationEvent(step: .createSecret, secretID: secret, token: second))
            }
            #expect(try await aws.stages(secret) == [old: ["AWSCURRENT"], token: ["AWSPENDING"]])

            // The pending rotation then completes with the trusted CA.
            try await aws.drive(rotator, secret: secret, token: token)
            Self.expectFinished(try await aws.stages(secret), token: token, old: old)
            #expect(try await connector.canLogIn(PostgresLogin.decode(try await aws.value(secret), secret: secret)))
            // With nothing pending, a token that is no version at all is refused.
            await #expect(throws: RotationError.unknownVersion(secret: secret, token: second)) {
                try await rotator.handle(RotationEvent(step: .createSecret, secretID: secret, token: second))
            }
        }
    }
}
