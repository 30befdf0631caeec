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
