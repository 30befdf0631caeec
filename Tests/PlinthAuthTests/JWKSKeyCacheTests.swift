import Foundation
import Hummingbird
import HummingbirdTesting
import PlinthAuth
import PlinthAuthTesting
import Synchronization
import Testing

/// An unreachable issuer is told apart from a bad token, and a brief outage heals within a second.
@Suite struct JWKSKeyCacheTests {
    struct IssuerDown: Error {}

    /// A JWKS source that fails while `down` is set and counts every request.
    final class FlakyIssuer: Sendable {
        let document: Data
        let down = Mutex(true)
        let requests = Atomic(0)

        init(_ issuer: LocalIssuer) throws { document = try issuer.jwks() }

        func fetch() throws -> Data {
            requests.add(1, ordering: .relaxed)
            if down.withLock({ $0 }) { throw IssuerDown() }
            return document
        }
    }

    @Test func anOutageIsUnavailableNotUnknownAndHealsAfterTheShortRetry() async throws {
        let issuer = try LocalIssuer()
        let source = try FlakyIssuer(issuer)
        let keys = JWKSKeyCache(minimumRefetchInterval: 60, failureRetryInterval: 1) { try source.fetch() }
        let start = Date()

        await #expect(throws: AuthError.keysUnavailable) { _ = try await keys.key(for: "rsa-1", now: start) }
        // Within the retry interval the issuer is not asked again.
        await #expect(throws: AuthError.keysUnavailable) { _ = try await keys.key(for: "rsa-1", now: start.addingTimeInterval(0.5)) }
        #expect(source.requests.load(ordering: .relaxed) == 1)

        source.down.withLock { $0 = false }
        let healed = start.addingTimeInterval(1.5)
        #expect(try await keys.key(for: "rsa-1", now: healed).algorithm == .rs256)
        #expect(source.requests.load(ordering: .relaxed) == 2)

        // With the keys in hand, a made-up key id is unknown, and the long interval applies again.
        await #expect(throws: AuthError.unknownKey) { _ = try await keys.key(for: "made-up", now: healed.addingTimeInterval(2)) }
        #expect(source.requests.load(ordering: .relaxed) == 2)

        // A later outage keeps the known keys working; only keys it cannot learn are unavailable.
        source.down.withLock { $0 = true }
        let later = healed.addingTimeInterval(120)
        await #expect(throws: AuthError.keysUnavailable) { _ = try await keys.key(for: "made-up", now: later) }
        #expect(try await keys.key(for: "rsa-1", now: later.addingTimeInterval(0.5)).algorithm == .rs256)
        #expect(source.requests.load(ordering: .relaxed) == 3)
    }

    @Test func theMiddlewareAnswers503WithRetryAfterWhileTheIssuerIsDown() async throws {
        let issuer = try LocalIssuer()
        try await issuer.start()
        let token = try issuer.sign(issuer.userClaims(subject: "u", roles: [], clinic: nil))
        let keys = JWKSKeyCache(url: issuer.jwksURL, client: .shared, timeout: .seconds(1))
        let verifier = TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: issuer.issuer, audience: issuer.audience, claims: ClaimMapping(namespace: issuer.namespace)),
            keys: keys)
        issuer.stop()
        let router = Router(context: PlinthRequestContext.self)
        router.add(middleware: BearerTokenMiddleware(verifier: verifier)).get("me") { _, context in
            context.identity?.subject ?? ""
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate] == nil, "the token was not judged")
            }
        }
    }
}
