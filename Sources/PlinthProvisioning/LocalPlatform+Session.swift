import AsyncHTTPClient
import Foundation

extension LocalPlatform {
    /// Finds or starts the emulator, renders the local tree and hands `body` what a run needs:
    /// the entry for commands other than `up` and `down` (`plan`, `apply`) that drive the same stacks.
    public func withPrepared<T: Sendable>(
        endpoint: String?, progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (Prepared) async throws -> T
    ) async throws -> T {
        try await withHTTPClient { http in
            let terraform = try terraformEnvironment()
            let session = try await emulator(http).acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
            return try await body(try prepare(session: session, terraform: terraform))
        }
    }
}

extension LocalPlatform {
    /// Finds or starts the emulator and hands `body` its session and a client that trusts it,
    /// without rendering anything: for commands that only call the AWS APIs (`plinth preview`).
    public func withEmulator<T: Sendable>(
        endpoint: String?, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (EmulatorSession, HTTPClient) async throws -> T
    ) async throws -> T {
        try await withHTTPClient { http in
            let session = try await emulator(http).acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
            return try await body(session, http)
        }
    }
}
