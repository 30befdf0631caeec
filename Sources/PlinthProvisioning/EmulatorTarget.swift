import Foundation
import PlinthAWS
import PlinthSpec

/// The local platform on one emulator as a `StackTarget`: the tree rendered for the emulator's
/// endpoint into `.plinth/local/infrastructure`, test credentials, the emulator's certificate.
public struct EmulatorTarget: StackTarget {
    public var platform: LocalPlatform
    /// The emulator to use instead of finding or starting one.
    public var endpoint: String?

    public init(platform: LocalPlatform, endpoint: String?) {
        self.platform = platform
        self.endpoint = endpoint
    }

    public var spec: PlatformSpec { platform.spec }
    public var environment: [String: String] { platform.environment }
    public var selection: StackSelection {
        get { platform.selection }
        set { platform.selection = newValue }
    }
    public var parallelism: Int { platform.parallelism }
    public var commandFlags: [String] { ["--local"] }
    public var notServed: String { "the local emulator serves AWS only; SaaS stacks are planned by the pipeline" }
    public var workDirectory: URL { platform.localDirectory }

    public func withStacks<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (PreparedStacks, AWSClient) async throws -> T
    ) async throws -> T {
        try await platform.withPreparedAndClient(endpoint: endpoint, region: region, progress: progress) { prepared, aws in
            try await body(
                PreparedStacks(rendered: prepared.rendered, stacks: prepared.stacks, skipped: prepared.skipped, runner: prepared.runner),
                aws)
        }
    }

    public func withSession<T: Sendable>(
        progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (TargetSession) async throws -> T
    ) async throws -> T {
        let terraform = try platform.terraformEnvironment()
        return try await platform.withEmulator(endpoint: endpoint, progress: progress) { session, http in
            try await body(
                TargetSession(
                    renderTarget: .local(endpoint: session.endpoint), http: http,
                    endpoint: AWSEndpoint.emulator(url: session.endpoint) ?? .aws, credentials: LocalEmulator.credentials,
                    terraform: terraform, terraformVariables: try platform.terraformVariables(session), webIdentityTokenFile: nil))
        }
    }

    public func withClient<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (AWSClient) async throws -> T
    ) async throws -> T {
        try await platform.withEmulatorClient(endpoint: endpoint, region: region, progress: progress, body)
    }
}
