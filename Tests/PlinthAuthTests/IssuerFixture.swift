import AsyncHTTPClient
import Foundation
import PlinthAuth
import PlinthAuthTesting

/// A running local issuer and a verifier that trusts it.
struct IssuerFixture {
    let issuer: LocalIssuer
    let keys: JWKSKeyCache
    let verifier: TokenVerifier

    static func start(
        refetchInterval: TimeInterval = 60, useOrganization: Bool = false, maxTokenBytes: Int = 8192
    ) async throws -> IssuerFixture {
        let issuer = try LocalIssuer()
        try await issuer.start()
        let keys = JWKSKeyCache(
            url: issuer.jwksURL, client: .shared, timeout: .seconds(30), minimumRefetchInterval: refetchInterval)
        let configuration = VerifierConfiguration(
            issuer: issuer.issuer, audience: issuer.audience,
            claims: ClaimMapping(namespace: issuer.namespace, useOrganization: useOrganization),
            maxTokenBytes: maxTokenBytes)
        return IssuerFixture(issuer: issuer, keys: keys, verifier: TokenVerifier(configuration: configuration, keys: keys))
    }

    /// Runs `body` with a started fixture and stops the issuer afterwards.
    static func with<T>(
        refetchInterval: TimeInterval = 60, useOrganization: Bool = false,
        _ body: (IssuerFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(refetchInterval: refetchInterval, useOrganization: useOrganization)
        defer { fixture.issuer.stop() }
        return try await body(fixture)
    }

    func expectRejected(_ token: String, now: Date = Date()) async -> AuthError? {
        do {
            _ = try await verifier.verify(token, now: now)
            return nil
        } catch {
            return error
        }
    }
}
