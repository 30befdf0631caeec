import AsyncHTTPClient
import Foundation
import NIOCore

/// The issuer's signing keys, fetched from its JWKS URL and cached.
///
/// Keys are fetched on first use and again after `maximumAge`. A token with an unknown `kid`
/// (the issuer rotated keys) triggers a refetch, but at most once per `minimumRefetchInterval`, so a
/// flood of tokens with made-up key ids cannot turn into a flood of requests to the issuer.
public actor JWKSKeyCache {
    public typealias Fetch = @Sendable () async throws -> Data

    private let fetch: Fetch
    private let minimumRefetchInterval: TimeInterval
    private let maximumAge: TimeInterval
    private var keys: [String: VerificationKey] = [:]
    private var fetchedAt: Date?
    private var lastAttempt: Date?
    private var inFlight: Task<Void, Never>?
    /// How many times the JWKS was requested, for metrics and tests.
    public private(set) var fetchCount = 0
    /// Called after every fetch attempt with whether it succeeded (for metrics).
    private let onFetch: @Sendable (Bool) -> Void

    public init(
        minimumRefetchInterval: TimeInterval = 60, maximumAge: TimeInterval = 3600,
        onFetch: @escaping @Sendable (Bool) -> Void = { _ in }, fetch: @escaping Fetch
    ) {
        self.fetch = fetch
        self.minimumRefetchInterval = minimumRefetchInterval
        self.maximumAge = maximumAge
        self.onFetch = onFetch
    }

    /// Fetches the JWKS over HTTP(S) with `client`; a non-200 answer or more than 1 MiB is a failure.
    public init(
        url: String, client: HTTPClient, minimumRefetchInterval: TimeInterval = 60, maximumAge: TimeInterval = 3600,
        onFetch: @escaping @Sendable (Bool) -> Void = { _ in }
    ) {
        self.init(minimumRefetchInterval: minimumRefetchInterval, maximumAge: maximumAge, onFetch: onFetch) {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            guard response.status == .ok else { throw AuthError.keysUnavailable }
            return Data((try await response.body.collect(upTo: 1 << 20)).readableBytesView)
        }
    }

    /// The key for `kid`, fetching the JWKS when the cache is empty, old, or lacks the key (rate-limited).
    public func key(for kid: String, now: Date = Date()) async -> VerificationKey? {
        let stale = fetchedAt.map { now.timeIntervalSince($0) > maximumAge } ?? true
        if let key = keys[kid], !stale { return key }
        await refresh(now: now)
        return keys[kid]
    }

    private func refresh(now: Date) async {
        if let inFlight {
            await inFlight.value
            return
        }
        if let lastAttempt, now.timeIntervalSince(lastAttempt) < minimumRefetchInterval { return }
        lastAttempt = now
        let task = Task { await self.load(now: now) }
        inFlight = task
        await task.value
        inFlight = nil
    }

    private func load(now: Date) async {
        fetchCount += 1
        do {
            let data = try await fetch()
            keys = try VerificationKey.keys(fromJWKS: data)
            fetchedAt = now
            onFetch(true)
        } catch {
            // Keep the keys we had: an issuer outage should not reject tokens signed with known keys.
            onFetch(false)
        }
    }
}
