import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PlinthAWS
import PlinthAuth
import PlinthAuthTesting
import PolicyService
import PostgresNIO
import Synchronization
import Testing

@testable import SecretRotation

/// The policy service through rotations of its own database login (alternating logins), with
/// decisions and admin writes running all the while: none may fail.
@Suite(.serialized) struct PolicyServiceRotationTests {
    static let audience = "https://api.plinth.test"
    static let namespace = "https://plinth.test/claims"
    static let check = #"{"action":"patient_record:write","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#
    static let platformFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("platform.yaml").path

    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer " + token, .contentType: "application/json"]
    }

    /// Ends every session of the service's logins, as a database failover or an idle timeout
    /// would, so the service must sign in again with whatever it knows; returns once they are gone.
    static func dropSessions(_ postgres: TLSPostgres) async throws {
        try await postgres.superuser([
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ('policy_a', 'policy_b')"
        ])
        // The client side learns of the close from the socket; give it a moment on a loaded machine.
        try await Task.sleep(for: .milliseconds(500))
    }

    @Test func checksAndAdminWritesNeverFailThroughRotationsOfItsOwnLogin() async throws {
        try await withPostgresAndSecretsManager { postgres, aws in
            let databaseSecret = try await postgres.alternatingLogins(aws, secretName: "test/policy-service/database")
            let rotator = SecretRotator(
                secrets: aws.secrets,
                configuration: .init(
                    secrets: ["test/policy-service/database": .init(strategy: .postgresAlternatingLogins)], caBundlePath: postgres.caFile))
            let issuer = try LocalIssuer(audience: Self.audience, namespace: Self.namespace)
            try await issuer.start()
            defer { issuer.stop() }

            // The service as it runs in AWS: its login read from the secret by ARN, over verified TLS.
            let login = try SecretsManagerPostgresLogin(secrets: aws.secrets, secretID: databaseSecret, caBundlePath: postgres.caFile)
            var logger = Logger(label: "policy-rotation-test")
            logger.logLevel = .critical
            let verifier = TokenVerifier(
                configuration: VerifierConfiguration(
                    issuer: issuer.issuer, audience: Self.audience, claims: ClaimMapping(namespace: Self.namespace)),
                keys: JWKSKeyCache(url: issuer.jwksURL, client: .shared, timeout: .seconds(30)))
            let server = try await PolicyServer.start(
                store: PostgresPolicyStore(login: login, logger: logger), seed: try PolicySeed.document(platformFile: Self.platformFile),
                verifier: verifier, logger: logger)
            let app = Application(router: server.router(), logger: logger)
            let doctor = Self.headers(try issuer.sign(issuer.userClaims(subject: "doc", roles: ["allergist"], clinic: "clinic-a")))
            let admin = Self.headers(try issuer.sign(issuer.machineClaims(client: "admin-cli", scopes: ["policy:admin"]), kid: "ec-1"))

            try await app.test(.router) { client in
                // The load pauses between requests while the sessions are dropped: a session killed
                // mid-query is a database failure, not a rotation, and is not what this test is about.
                let state = Mutex((stop: false, pause: false, idle: false))
                let load = Task { () -> (requests: Int, failures: [String]) in
                    var (requests, failures, round) = (0, [String](), 0)
                    while !state.withLock({ $0.stop }) && round < 2_000 {
                        let go = state.withLock { state in
                            state.idle = state.pause
                            return !state.pause
                        }
                        guard go else {
                            try? await Task.sleep(for: .milliseconds(20))
                            continue
                        }
                        round += 1
                        do {
                            let check = try await client.execute(
                                uri: "/v1/check", method: .post, headers: doctor, body: ByteBuffer(string: Self.check)
                            ) { response in
                                response.status == .ok && String(buffer: response.body).contains(#""allowed":true"#)
                                    ? nil : "check \(response.status.code): \(String(buffer: response.body).prefix(200))"
                            }
                            let write = try await client.execute(
                                uri: "/v1/admin/roles", method: .post, headers: admin,
                                body: ByteBuffer(string: #"{"name":"role_\#(round)"}"#)
                            ) { response in
                                response.status == .created
                                    ? nil : "write \(response.status.code): \(String(buffer: response.body).prefix(200))"
                            }
                            failures += [check, write].compactMap { $0 }
                            requests += 2
                        } catch {
                            failures.append(String(describing: error))
                        }
                    }
                    return (requests, failures)
                }

                // Four rotations (_a -> _b -> _a -> _b -> _a), the sessions dropped after each: from
                // the second on, the login the service cached has a new password.
                var usernames: [String] = []
                for _ in 0..<4 {
                    try await Task.sleep(for: .milliseconds(300))
                    try await aws.drive(rotator, secret: databaseSecret, token: try await aws.startRotation(databaseSecret))
                    usernames.append(try PostgresLogin.decode(try await aws.value(databaseSecret), secret: databaseSecret).username)
                    state.withLock {
                        $0.pause = true
                        $0.idle = false
                    }
                    while !state.withLock({ $0.idle }) { try await Task.sleep(for: .milliseconds(20)) }
                    try await Self.dropSessions(postgres)
                    state.withLock { $0.pause = false }
                }
                state.withLock { $0.stop = true }
                let (requests, failures) = await load.value
                #expect(usernames == ["policy_b", "policy_a", "policy_b", "policy_a"])
                #expect(failures.isEmpty, "\(failures.count) of \(requests) requests failed: \(failures.prefix(3))")
                #expect(requests >= 20)
            }
            // The refusals of the stale login made the service read the secret again.
            #expect(login.readCount >= 2)
            let latest = try #require(try await server.store.latest())
            #expect(latest.document.role(named: "role_1") != nil)
            try await server.store.close()
        }
    }
}
