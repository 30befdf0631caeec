import Foundation
import PlinthAWS
import PlinthLoader
import PlinthProvisioning
import Testing

/// What the real-account target refuses before Terraform or AWS is reached: each names what is
/// missing or wrong, and nothing runs.
@Suite struct AccountPlatformTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A scratch repository with the spec and, when `committedTree`, the committed infrastructure/.
    static func repository(committedTree: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-account-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["platform.yaml", "docs"] + (committedTree ? ["infrastructure"] : []) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        return root
    }

    static func target(_ root: URL, environment: [String: String], stacks: [String] = []) throws -> AccountPlatform {
        let spec = try #require(SpecLoader().load(path: root.appendingPathComponent("platform.yaml").path).spec)
        return AccountPlatform(
            spec: spec, repositoryRoot: root, environment: environment, selection: StackSelection(requested: stacks))
    }

    static func reach(_ target: AccountPlatform) async throws {
        _ = try await target.withStacks(region: "us-east-1", progress: { _ in }) { _, _ in Issue.record("reached the stacks") }
    }

    static let credentials = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "generated-\(UUID().uuidString)"]

    @Test func withoutCredentialsTheAccountsAreNotReached() async throws {
        let root = try Self.repository(committedTree: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let target = try Self.target(root, environment: ["PATH": "/usr/bin:/bin"])
        await #expect {
            try await Self.reach(target)
        } throws: { error in
            guard case ProvisioningError.accountAccess(let detail) = error else { return false }
            return detail.contains("AWS_ACCESS_KEY_ID") && detail.contains("--local")
        }
    }

    @Test func anEndpointThatIsNotAURLIsRefused() async throws {
        let root = try Self.repository(committedTree: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var environment = Self.credentials
        environment["AWS_ENDPOINT_URL"] = "not a url"
        await #expect {
            try await Self.reach(try Self.target(root, environment: environment))
        } throws: { "\($0)".contains("AWS_ENDPOINT_URL 'not a url'") }
    }

    @Test func aCommittedTreeThatDiffersFromTheRenderIsRefused() async throws {
        let root = try Self.repository(committedTree: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("infrastructure/env/dev/us-east-1/observability/main.tf.json")
        try Data("{}\n".utf8).write(to: file)
        await #expect {
            try await Self.reach(try Self.target(root, environment: Self.credentials))
        } throws: { error in
            guard case ProvisioningError.committedTreeStale(_, let files) = error else { return false }
            return files == ["env/dev/us-east-1/observability/main.tf.json changed"] && "\(error)".contains("plinth render")
        }
    }

    @Test func stacksThatAssumeRolesNeedTheJobsTokenFile() async throws {
        let root = try Self.repository(committedTree: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let stack = "env/dev/us-east-1/observability"
        await #expect {
            try await Self.reach(try Self.target(root, environment: Self.credentials, stacks: [stack]))
        } throws: { error in
            guard case ProvisioningError.accountAccess(let detail) = error else { return false }
            return detail.contains("AWS_WEB_IDENTITY_TOKEN_FILE is not set") && detail.contains("assume their deploy roles")
        }
        var environment = Self.credentials
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = root.appendingPathComponent("absent-token").path
        await #expect {
            try await Self.reach(try Self.target(root, environment: environment, stacks: [stack]))
        } throws: { "\($0)".contains("absent-token, which cannot be read") }
    }

    @Test func theEndpointComesFromTheSDKVariable() {
        #expect(AWSEndpoint.fromEnvironment([:]) == .aws)
        #expect(AWSEndpoint.fromEnvironment(["AWS_ENDPOINT_URL": ""]) == .aws)
        #expect(
            AWSEndpoint.fromEnvironment(["AWS_ENDPOINT_URL": "https://127.0.0.1:4566"])
                == .emulator(scheme: "https", host: "127.0.0.1", port: 4566))
        #expect(AWSEndpoint.fromEnvironment(["AWS_ENDPOINT_URL": "nonsense"]) == nil)
    }
}
