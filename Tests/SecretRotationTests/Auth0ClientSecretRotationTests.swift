import Foundation
import PlinthAWS
import Testing

@testable import SecretRotation

/// Auth0 client-secret rotations against a local stand-in for the Management API (no tenant exists
/// here) and the emulator's Secrets Manager, driven by the events Secrets Manager sends.
@Suite(.serialized) struct Auth0ClientSecretRotationTests {
    static func withAuth0(_ body: (Auth0ManagementStandIn, SecretsManagerStandIn) async throws -> Void) async throws {
        let auth0 = Auth0ManagementStandIn()
        try await auth0.start()
        defer { auth0.stop() }
        let aws = try await SecretsManagerStandIn.start()
        defer { aws.stop() }
        try await body(auth0, aws)
    }

    static func strategy(_ auth0: Auth0ManagementStandIn) -> Auth0ClientSecretStrategy {
        Auth0ClientSecretStrategy(
            baseURL: { [base = auth0.baseURL] _ in base }, propagationTimeout: .seconds(2), longestRateLimitWait: .seconds(2))
    }

    @Test func selfRotationCompletesAndSurvivesACrashAfterEveryStep() async throws {
        try await Self.withAuth0 { auth0, aws in
            auth0.addClient("terraform", secret: "first-secret", scopes: ["update:client_keys"])
            let secret = try await aws.createSecret(
                name: "test/identity/auth0-management-client",
                value: try Auth0ClientCredentials(domain: auth0.domain, clientID: "terraform", clientSecret: "first-secret").encoded())
            let strategy = Self.strategy(auth0)
            let rotator = SecretRotator(secrets: aws.secrets) { _ in strategy }

            for (round, stoppedAfter) in [4, 1, 2, 3].enumerated() {
                let old = try #require(PostgresRotationTests.currentVersion(try await aws.stages(secret)))
                let token = try await aws.startRotation(secret)
                try await aws.drive(rotator, secret: secret, token: token, steps: Array(RotationEvent.Step.allCases.prefix(stoppedAfter)))
                if stoppedAfter < 4 {
                    #expect(try await aws.stages(secret)[old] == ["AWSCURRENT"])
                    try await aws.drive(rotator, secret: secret, token: token)
                }
                PostgresRotationTests.expectFinished(try await aws.stages(secret), token: token, old: old)
                // Auth0 rotated once per rotation, whatever was repeated, and holds what is current.
                #expect(auth0.rotations == round + 1)
                let current = try Auth0ClientCredentials.decode(try await aws.value(secret), secret: secret)
                #expect(current.clientSecret == auth0.secret(of: "terraform"))
                #expect(current.clientID == "terraform")
                // A repeated event for a finished rotation changes nothing.
                try await aws.drive(rotator, secret: secret, token: token)
                #expect(auth0.rotations == round + 1)
            }
        }
    }

    @Test func aManagerClientRotatesAnotherAndARerunAfterALostAnswerRotatesAgain() async throws {
        try await Self.withAuth0 { auth0, aws in
            auth0.addClient("rotator", secret: "manager-secret", scopes: ["update:client_keys"])
            auth0.addClient("terraform", secret: "first-secret", scopes: [])
            let manager = try await aws.createSecret(
                name: "test/identity/auth0-rotator",
                value: try Auth0ClientCredentials(domain: auth0.domain, clientID: "rotator", clientSecret: "manager-secret").encoded())
            let secret = try await aws.createSecret(
                name: "test/identity/auth0-management-client",
                value: try Auth0ClientCredentials(
                    domain: auth0.domain, clientID: "terraform", clientSecret: "first-secret", managerarn: manager
                )
                .encoded())
            let strategy = Self.strategy(auth0)
            let rotator = SecretRotator(secrets: aws.secrets) { _ in strategy }
            let context = RotationContext(secretID: secret, secrets: aws.secrets)

            // Auth0 rotated but the answer never reached Secrets Manager (a crash in createSecret).
            _ = try await strategy.makePending(current: try await aws.value(secret), context: context)
            #expect(auth0.rotations == 1)
            let token = try await aws.startRotation(secret)
            try await aws.drive(rotator, secret: secret, token: token)
            #expect(auth0.rotations == 2)
            let current = try Auth0ClientCredentials.decode(try await aws.value(secret), secret: secret)
            #expect(current.clientSecret == auth0.secret(of: "terraform"))
            #expect(current.managerarn == manager)
        }
    }

    @Test func refusalsAreReportedWithTheirReason() async throws {
        try await Self.withAuth0 { auth0, aws in
            auth0.addClient("terraform", secret: "first-secret", scopes: ["update:client_keys"])
            auth0.addClient("reader", secret: "reader-secret", scopes: ["read:clients"])
            let strategy = Self.strategy(auth0)
            let context = RotationContext(secretID: "test", secrets: aws.secrets)
            func pending(_ clientID: String, _ clientSecret: String) async throws -> String {
                try await strategy.makePending(
                    current: try Auth0ClientCredentials(domain: auth0.domain, clientID: clientID, clientSecret: clientSecret).encoded(),
                    context: context)
            }

            // 403: a token without update:client_keys.
            let forbidden = await #expect(throws: (any Error).self) {
                _ = try await pending("reader", "reader-secret")
            }
            #expect(
                forbidden.map { error in
                    (error as? Auth0APIError)?.status == 403 && String(describing: error).contains("update:client_keys")
                } == true)
            // 401 on the token: a self-rotating client whose secret no longer signs in is told what to do.
            let stale = await #expect(throws: (any Error).self) {
                _ = try await pending("terraform", "stale-secret")
            }
            #expect(stale.map { error in String(describing: error).contains("Rotate it in the Auth0 dashboard") } == true)
            #expect(auth0.rotations == 0)

            // 404: the tenant has no such client (a manager rotating a client id that is gone).
            let manager = try await aws.createSecret(
                name: "test/identity/auth0-rotator",
                value: try Auth0ClientCredentials(domain: auth0.domain, clientID: "terraform", clientSecret: "first-secret").encoded())
            let missing = await #expect(throws: (any Error).self) {
                _ = try await strategy.makePending(
                    current: try Auth0ClientCredentials(domain: auth0.domain, clientID: "deleted", clientSecret: "x", managerarn: manager)
                        .encoded(), context: context)
            }
            #expect(missing.map { error in (error as? Auth0APIError)?.status == 404 } == true)

            // 401 on rotate-secret: a token the tenant no longer accepts.
            let token = try await strategy.accessToken(
                Auth0ClientCredentials(domain: auth0.domain, clientID: "terraform", clientSecret: "first-secret"))
            auth0.revokeTokens()
            let (status, body) = try await strategy.call(
                "POST", url: "\(auth0.baseURL)/api/v2/clients/terraform/rotate-secret", headers: [("authorization", "Bearer \(token)")],
                body: nil)
            #expect(status == 401)
            let refused = Auth0APIError(status: status, operation: "rotate-secret of terraform", body: body).description
            #expect(refused.contains("refused") && refused.contains("Invalid token") && !refused.contains(token))

            // 429: waited out up to the reset time and retried; still limited after the last attempt, reported.
            auth0.rateLimit(next: 2)
            _ = try await pending("terraform", "first-secret")
            #expect(auth0.rotations == 1)
            auth0.rateLimit(next: 10)
            let current = try #require(auth0.secret(of: "terraform"))
            let limited = await #expect(throws: (any Error).self) {
                _ = try await pending("terraform", current)
            }
            #expect(limited.map { error in (error as? Auth0APIError)?.status == 429 } == true)
            #expect(auth0.rotations == 1)
        }
    }
}
