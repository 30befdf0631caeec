import Foundation
import PlinthAWS
import Testing

@testable import PlinthProvisioning

/// Real Terraform against a moto server of the test's own: a bootstrap stack that creates its own
/// state bucket and lock table (applied with local state, then migrated into the bucket) and an
/// application stack in a workspace. Checks apply order, idempotence, the stale-lock handling and
/// the teardown, reading the emulator back through the AWS API.
@Suite(.serialized) struct ProvisionerTests {
    static let bucket = "plinth-test-state"
    static let table = "plinth-test-locks"

    static func backend(_ endpoint: String, key: String) -> [String: Any] {
        [
            "s3": [
                "bucket": bucket, "key": key, "region": "us-east-1", "dynamodb_table": table, "encrypt": true,
                "workspace_key_prefix": "workspaces", "use_path_style": true,
                "endpoints": ["s3": endpoint, "dynamodb": endpoint, "sts": endpoint, "iam": endpoint],
                "access_key": "testing", "secret_key": "testing", "skip_credentials_validation": true,
                "skip_metadata_api_check": true, "skip_requesting_account_id": true, "skip_region_validation": true,
            ] as [String: Any]
        ]
    }

    static func provider(_ endpoint: String) -> [String: Any] {
        [
            "aws": [
                "region": "us-east-1", "access_key": "testing", "secret_key": "testing",
                "skip_credentials_validation": true, "skip_metadata_api_check": true, "skip_requesting_account_id": true,
                "s3_use_path_style": true,
                "endpoints": [["s3": endpoint, "dynamodb": endpoint, "sts": endpoint, "ssm": endpoint]],
            ] as [String: Any]
        ]
    }

    static func terraformBlock(_ endpoint: String, key: String) -> [String: Any] {
        [
            "required_providers": ["aws": ["source": "hashicorp/aws", "version": "~> 5.100"]],
            "backend": backend(endpoint, key: key),
        ]
    }

    static func write(_ object: [String: Any], to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: directory.appendingPathComponent("main.tf.json"))
    }

    @Test func upIsIdempotentSurvivesAStaleLockAndDownRemovesEverything() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-prov-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let emulator = LocalEmulator(stateDirectory: work, environment: ProcessInfo.processInfo.environment)
        let session = try await emulator.start(port: try LoopbackSocket.freePort(), tls: false)
        defer { emulator.stop(session) }
        let endpoint = session.endpoint

        let bootDir = work.appendingPathComponent("stacks/state")
        try Self.write(
            [
                "terraform": Self.terraformBlock(endpoint, key: "state/terraform.tfstate"),
                "provider": Self.provider(endpoint),
                "resource": [
                    "aws_s3_bucket": ["state": ["bucket": Self.bucket, "force_destroy": true]],
                    "aws_dynamodb_table": [
                        "locks": [
                            "name": Self.table, "billing_mode": "PAY_PER_REQUEST", "hash_key": "LockID",
                            "attribute": [["name": "LockID", "type": "S"]],
                        ] as [String: Any]
                    ],
                ] as [String: Any],
            ], to: bootDir)
        let appDir = work.appendingPathComponent("stacks/app")
        try Self.write(
            [
                "terraform": Self.terraformBlock(endpoint, key: "app/terraform.tfstate"),
                "provider": Self.provider(endpoint),
                "resource": [
                    "aws_ssm_parameter": [
                        "marker": [
                            "name": "/plinth/test/marker", "type": "String", "value": "${terraform.workspace}",
                        ]
                    ]
                ],
            ], to: appDir)

        let env = ProcessInfo.processInfo.environment
        let terraform = try TerraformEnvironment.discover(environment: env, stateDirectory: work.appendingPathComponent("tf"))
        let runner = TerraformRunner(
            environment: terraform,
            processEnvironment: terraform.processEnvironment(
                base: env,
                extra: [
                    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true",
                ]),
            logDirectory: work.appendingPathComponent("logs"))
        let client = AWSClient(
            endpoint: AWSEndpoint.emulator(url: endpoint) ?? .aws, region: "us-east-1",
            credentials: LocalEmulator.credentials)
        let s3 = S3Client(client: client)
        let exists: @Sendable (String, String) async throws -> Bool = { bucket, key in
            do {
                return try await s3.listObjects(bucket: bucket, prefix: key).contains { $0.key == key }
            } catch let error as AWSError where error.code == "NoSuchBucket" {
                return false
            }
        }
        let localState = work.appendingPathComponent("state/state.tfstate")
        // Given in the wrong order on purpose: the graph puts the bootstrap stack first.
        let stacks = [
            TerraformStack(id: "app", directory: appDir, workspace: "dev", dependsOn: ["state"]),
            TerraformStack(
                id: "state", directory: bootDir, workspace: "default",
                state: .bootstrap(localFile: localState, bucket: Self.bucket, objectKey: "state/terraform.tfstate")),
        ]
        let events = EventLog()
        let provisioner = Provisioner(runner: runner, stateObjectExists: exists)

        let first = try await provisioner.up(stacks) { events.append($0) }
        #expect(first.map(\.stack) == ["state", "app"])
        #expect(first.map(\.result) == [.applied, .applied])
        #expect(first.map(\.counts.added) == [2, 1])
        #expect(!FileManager.default.fileExists(atPath: localState.path), "bootstrap state migrated, local file removed")
        let objects = try await s3.listObjects(bucket: Self.bucket).map(\.key).sorted()
        #expect(objects == ["state/terraform.tfstate", "workspaces/dev/app/terraform.tfstate"])
        let locks = try await DynamoDBClient(client: client).scan(table: Self.table).compactMap { $0["LockID"]?.text }
        #expect(locks.contains("\(Self.bucket)/workspaces/dev/app/terraform.tfstate-md5"), "lock table used: \(locks)")
        #expect(events.started == ["state", "app"])

        let second = try await provisioner.up(stacks) { _ in }
        #expect(second.map(\.result) == [.unchanged, .unchanged])

        // A killed run leaves its lock behind: reported with the unlock command, or freed on request.
        let lockID = "0f0f0f0f-aaaa-bbbb-cccc-123456789abc"
        try await python(
            work,
            """
            import json, sys, boto3
            ddb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id="testing", aws_secret_access_key="testing")
            info = {"ID": sys.argv[2], "Operation": "OperationTypeApply", "Who": "killed@run", "Version": "1.11.4",
                    "Created": "2026-11-27T10:00:00Z", "Path": "\(Self.bucket)/workspaces/dev/app/terraform.tfstate", "Info": ""}
            ddb.put_item(TableName="\(Self.table)", Item={"LockID": {"S": "\(Self.bucket)/workspaces/dev/app/terraform.tfstate"},
                                                          "Info": {"S": json.dumps(info)}})
            """, arguments: [endpoint, lockID])
        do {
            _ = try await provisioner.up(stacks) { _ in }
            Issue.record("a stale lock must stop the run")
        } catch let error as ProvisioningError {
            guard case .staleLock(let stack, let id, let hint) = error else {
                Issue.record("expected a stale lock, got \(error)")
                return
            }
            #expect(stack == "app")
            #expect(id == lockID)
            #expect(hint.contains("terraform force-unlock -force \(lockID)"))
        }
        let unlocking = Provisioner(runner: runner, unlockStaleLocks: true, stateObjectExists: exists)
        #expect(try await unlocking.up(stacks) { _ in }.map(\.result) == [.unchanged, .unchanged])

        let down = try await provisioner.down(stacks) { _ in }
        #expect(down.map(\.stack) == ["app", "state"])
        #expect(down.map(\.result) == [.destroyed, .destroyed])
        #expect(down.map(\.counts.destroyed) == [1, 2])
        #expect(try await !s3.listBuckets().contains(Self.bucket))
        #expect(!FileManager.default.fileExists(atPath: localState.path))
        // Nothing left: a second down changes nothing.
        let again = try await provisioner.down([stacks[1]]) { _ in }
        #expect(again.map(\.result) == [.unchanged])
    }
}

/// Runs a Python script with boto3 (installed with moto), an AWS client independent of ours.
func python(_ directory: URL, _ script: String, arguments: [String]) async throws {
    let file = directory.appendingPathComponent("script-\(UUID().uuidString).py")
    try Data(script.utf8).write(to: file)
    let result = try await ProcessRunner().run(
        URL(fileURLWithPath: "/usr/bin/env"), ["python3", file.path] + arguments, directory: directory,
        environment: ProcessInfo.processInfo.environment, log: nil)
    try #require(result.succeeded, "python3: \(result.output)")
}

/// Collects progress events from the provisioner's callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ProvisionEvent] = []

    func append(_ event: ProvisionEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var started: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events.compactMap { if case .stackStarted(let stack, _, _, _) = $0 { return stack } else { return nil } }
    }
}
