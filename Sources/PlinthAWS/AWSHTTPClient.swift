import AsyncHTTPClient
import NIOSSL

/// HTTP clients for AWS calls. An emulator served over TLS with a certificate generated for it is
/// trusted explicitly (its PEM file), never by switching verification off.
public enum AWSHTTPClient {
    /// A client that also trusts the certificates in `caBundles` (PEM files). The caller owns it
    /// and must `shutdown()` it when done.
    public static func trusting(caBundles: [String]) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = caBundles.map { .file($0) }
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    /// Runs `body` with a client from `trusting(caBundles:)` and shuts it down after, whether
    /// `body` returns or throws, so no caller leaks its event-loop connections.
    public static func with<T: Sendable>(caBundles: [String], _ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = trusting(caBundles: caBundles)
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
