import Foundation
import PlinthAWS
import PlinthProvisioning
import PostgresNIO
import PostgresTestSupport
import Testing

@testable import SecretRotation

/// A PostgreSQL of the test's own that accepts TCP only over TLS (`ThrowawayPostgres.startTLS`),
/// with the logins and superuser statements the rotation tests need.
struct TLSPostgres {
    let server: ThrowawayPostgres
    var port: Int { server.port }
    var caFile: String { server.caFile }
    var untrustedCAFile: String { server.untrustedCAFile }

    static func start() async throws -> TLSPostgres { TLSPostgres(server: try await ThrowawayPostgres.startTLS()) }

    func remove() async { await server.remove() }

    func login(_ username: String, password: String, masterARN: String? = nil) -> PostgresLogin {
        PostgresLogin(host: "127.0.0.1", port: port, dbname: "postgres", username: username, password: password, masterarn: masterARN)
    }

    /// The login pair `policy_a`/`policy_b` in the NOLOGIN owner role `policy`, as the
    /// alternating-logins strategy expects, `policy_a` current; returns the ARN of its secret,
    /// whose `masterarn` names an administrator's secret.
    func alternatingLogins(_ aws: SecretsManagerStandIn, secretName: String) async throws -> String {
        let adminPassword = UUID().uuidString
        let firstPassword = UUID().uuidString
        try await superuser([
            "CREATE ROLE rotation_admin LOGIN CREATEROLE",
            PostgresConnector.setPasswordStatement(role: "rotation_admin", password: adminPassword),
            "CREATE ROLE policy NOLOGIN",
            "GRANT CREATE ON SCHEMA public TO policy",
            "CREATE ROLE policy_a LOGIN IN ROLE policy",
            "ALTER ROLE policy_a SET role = 'policy'",
            PostgresConnector.setPasswordStatement(role: "policy_a", password: firstPassword),
        ])
        let master = try await aws.createSecret(
            name: "test/database-admin", value: try login("rotation_admin", password: adminPassword).encoded())
        return try await aws.createSecret(
            name: secretName, value: try login("policy_a", password: firstPassword, masterARN: master).encoded())
    }

    /// Runs statements as the superuser (trusted over TLS on loopback).
    func superuser(_ statements: [PostgresQuery]) async throws {
        try await PostgresConnector(caBundlePath: caFile).withConnection(login("plinth", password: "")) { connection in
            for statement in statements { _ = try await connection.query(statement, logger: PostgresConnector.quietLogger) }
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The emulator's Secrets Manager playing the service's part in a rotation.
///
/// moto differs from AWS in ways the tests work around, each named where it matters:
/// - moto's RotateSecret invokes the rotation Lambda through Docker, which this machine lacks.
///   It records the pending version first, as AWS does, and its failed invocations change
///   nothing, so `startRotation` calls RotateSecret on a registered (never runnable) function and
///   the test then sends the four events itself, as Secrets Manager would.
/// - after RotateSecret, moto answers GetSecretValue without a stage with the pending version (AWS
///   answers AWSCURRENT); the function and the tests always name the stage.
/// - moto's RotateSecret moves AWSPENDING off an unfinished rotation instead of refusing as AWS
///   does, so the second-rotation test sends the second rotation's events without RotateSecret.
struct SecretsManagerStandIn {
    let emulator: EmulatorSession
    let controller: LocalEmulator
    let client: AWSClient
    let functionARN: String
    var secrets: SecretsManagerClient { SecretsManagerClient(client: client) }

    static let lambda = AWSService(signingName: "lambda", endpointPrefix: "lambda")
    static let iam = AWSService(signingName: "iam", endpointPrefix: "iam", globalRegion: "us-east-1")

    static func start() async throws -> SecretsManagerStandIn {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-moto-\(UUID().uuidString)")
        let controller = LocalEmulator(stateDirectory: directory, environment: ProcessInfo.processInfo.environment)
        let session = try await controller.start(port: try LoopbackSocket.freePort(), tls: false)
        let client = AWSClient(
            endpoint: AWSEndpoint.emulator(url: session.endpoint) ?? .aws, region: "us-east-1", credentials: LocalEmulator.credentials)
        do {
            let role = try await client.query(
                iam, action: "CreateRole", version: "2010-05-08",
                parameters: [
                    (name: "RoleName", value: "secret-rotation"),
                    (name: "AssumeRolePolicyDocument", value: #"{"Version":"2012-10-17","Statement":[]}"#),
                ])
            guard let roleARN = role.first(named: "Arn")?.text else { throw FixtureError("CreateRole returned no ARN") }
            let function = try JSONSerialization.data(withJSONObject: [
                "FunctionName": "secret-rotation", "Runtime": "provided.al2023", "Role": roleARN, "Handler": "bootstrap",
                "Code": ["ZipFile": Self.emptyZip.base64EncodedString()],
            ])
            let created = try await client.send(lambda, method: "POST", path: "/2015-03-31/functions", body: Array(function))
            guard let object = try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any],
                let arn = object["FunctionArn"] as? String
            else { throw FixtureError("CreateFunction returned no ARN") }
            return SecretsManagerStandIn(emulator: session, controller: controller, client: client, functionARN: arn)
        } catch {
            controller.stop(session)
            throw error
        }
    }

    /// An empty zip archive (its end-of-central-directory record): the function is never run.
    static let emptyZip = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))

    func stop() {
        controller.stop(emulator)
        try? FileManager.default.removeItem(at: controller.stateDirectory)
    }

    /// Creates a secret and returns its ARN.
    func createSecret(name: String, value: String) async throws -> String {
        struct Output: Decodable { var ARN: String }
        let output: Output = try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "CreateSecret", input: ["Name": name, "SecretString": value])
        return output.ARN
    }

    /// RotateSecret: a new version labelled AWSPENDING, without a value; returns its token.
    func startRotation(_ secret: String) async throws -> String {
        struct Input: Encodable, Sendable {
            var SecretId: String
            var ClientRequestToken: String
            var RotationLambdaARN: String
            var RotationRules: [String: Int]
        }
        struct Output: Decodable { var VersionId: String }
        let output: Output = try await client.json(
            .secretsManager, targetPrefix: "secretsmanager", operation: "RotateSecret",
            input: Input(
                SecretId: secret, ClientRequestToken: UUID().uuidString.lowercased(), RotationLambdaARN: functionARN,
                RotationRules: ["AutomaticallyAfterDays": 30]))
        return output.VersionId
    }

    func stages(_ secret: String) async throws -> [String: [String]] {
        try await secrets.describeSecret(id: secret).versionIDsToStages.mapValues { $0.sorted() }
    }

    func value(_ secret: String, stage: String = SecretRotator.current) async throws -> String {
        guard let value = try await secrets.getSecretValue(id: secret, versionStage: stage).secretString else {
            throw FixtureError("\(secret) has no \(stage) value")
        }
        return value
    }

    /// Sends the events of `steps` for `token`, in order, as Secrets Manager does.
    func drive(
        _ rotator: SecretRotator, secret: String, token: String, steps: [RotationEvent.Step] = RotationEvent.Step.allCases
    )
        async throws
    {
        for step in steps { try await rotator.handle(RotationEvent(step: step, secretID: secret, token: token)) }
    }
}

/// Runs `body` with a TLS PostgreSQL and the emulator's Secrets Manager of its own, both removed afterwards.
func withPostgresAndSecretsManager(_ body: (TLSPostgres, SecretsManagerStandIn) async throws -> Void) async throws {
    let postgres = try await TLSPostgres.start()
    do {
        let aws = try await SecretsManagerStandIn.start()
        defer { aws.stop() }
        try await body(postgres, aws)
    } catch {
        await postgres.remove()
        throw error
    }
    await postgres.remove()
}
