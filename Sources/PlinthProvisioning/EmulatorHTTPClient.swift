import AsyncHTTPClient
import Foundation
import PlinthAWS

/// The HTTP client plinth talks to the emulator with: it trusts the emulator's certificate
/// explicitly (`EmulatorCertificate.trusted`), never by switching verification off.
enum EmulatorHTTPClient {
    /// Runs `body` with a client that trusts the certificate plinth generates for the emulator it
    /// starts, plus `AWS_CA_BUNDLE` when that names a file, and shuts the client down after.
    static func with<T: Sendable>(
        stateDirectory: URL, environment: [String: String], _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        let certificate = EmulatorCertificate(stateDirectory: stateDirectory, environment: environment)
        _ = try await certificate.ensure()
        return try await AWSHTTPClient.with(caBundles: certificate.trusted(), body)
    }
}
