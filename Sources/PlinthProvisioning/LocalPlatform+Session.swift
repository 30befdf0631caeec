import AsyncHTTPClient
import Foundation
import PlinthAWS

extension LocalPlatform {
    /// Finds or starts the emulator, renders the local tree and hands `body` what a run needs with
    /// a signed AWS client for the emulator in `region` (trusting its certificate): the entry for
    /// commands other than `up` and `down` (`plan`, `apply`, through `EmulatorTarget`).
    public func withPreparedAndClient<T: Sendable>(
        endpoint: String?, region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (Prepared, AWSClient) async throws -> T
    ) async throws -> T {
        try await withHTTPClient { http in
            let terraform = try terraformEnvironment()
            let session = try await emulator(http).acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
            var aws = client(session, http)
            aws.region = region
            return try await body(try prepare(session: session, terraform: terraform), aws)
        }
    }

    /// A signed AWS client for the emulator in `region`, without rendering anything: for commands
    /// that only read what the platform holds (`changes`).
    public func withEmulatorClient<T: Sendable>(
        endpoint: String?, region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (AWSClient) async throws -> T
    ) async throws -> T {
        try await withHTTPClient { http in
            let session = try await emulator(http).acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
            var aws = client(session, http)
            aws.region = region
            return try await body(aws)
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
