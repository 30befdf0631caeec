import Foundation
import Testing

@testable import PlinthAuth

/// The cache hashes only a token's tail; equality must still take the whole token.
@Suite struct VerifiedTokenCacheTests {
    static func principal(_ subject: String) -> AuthenticatedPrincipal {
        AuthenticatedPrincipal(subject: subject, roles: ["r"], clinicID: nil, scopes: [], isMachine: false)
    }

    @Test func tokensSharingTheirTailAreDistinct() {
        let cache = VerifiedTokenCache(capacity: 10, maximumLifetime: 60)
        let now = Date()
        let tail = String(repeating: "s", count: 100)
        let first = "header.payload-one." + tail
        let second = "header.payload-two." + tail
        cache.store(Self.principal("one"), for: first, expiresAt: now.timeIntervalSince1970 + 30, now: now)
        #expect(cache.principal(for: first, now: now)?.subject == "one")
        #expect(cache.principal(for: second, now: now) == nil)
        cache.store(Self.principal("two"), for: second, expiresAt: now.timeIntervalSince1970 + 30, now: now)
        #expect(cache.principal(for: first, now: now)?.subject == "one")
        #expect(cache.principal(for: second, now: now)?.subject == "two")
        #expect(cache.principal(for: String(first.dropFirst()), now: now) == nil)
    }

    @Test func shortTokensAndExpiryStillWork() {
        let cache = VerifiedTokenCache(capacity: 10, maximumLifetime: 60)
        let now = Date()
        cache.store(Self.principal("short"), for: "a.b.c", expiresAt: now.timeIntervalSince1970 + 5, now: now)
        #expect(cache.principal(for: "a.b.c", now: now)?.subject == "short")
        #expect(cache.principal(for: "a.b.c", now: now.addingTimeInterval(10)) == nil)
        #expect(cache.principal(for: "a.b.c", now: now) == nil)
    }
}
