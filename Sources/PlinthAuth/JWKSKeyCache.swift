import AsyncHTTPClient
import Foundation
import NIOCore

/// The issuer's signing keys, fetched from its JWKS URL and cached.
///
/// Keys are fetched on first use and again after `maximumAge`. A token with an unknown `kid`
/// (the issuer rotated keys) triggers a refetch, but at most once per `minimumRefetchInterval`, so a
/// flood of tokens with made-up key ids cannot turn into a flood of requests to the issuer. After a
/// failed fetch the next try waits only `failureRetryInterval`, so a brief issuer outage does not
/// lock new tokens out for the whole interval, and callers learn the keys are unavailable (a 503 to
/// retry) rather than that their token is bad (a 401 to give up on).
public actor JWKSKeyCache {
    public typealias Fetch = @Sendable () async throws -> Data

    private let fetch: Fetch
    private let minimumRefetchInterval: TimeInterval
    private let maximumAge: TimeInterval
    private let failureRetryInterval: TimeInterval
    private var lastFetchFailed = false
    private var keys: [String: VerificationKey] = [:]
    private var fetchedAt: Date?
    private var lastAttempt: Date?
    private var inFlight: Task<Void, Never>?
    /// How many times the JWKS was requested, for metrics and tests.
    public private(set) var fetchCount = 0
    /// Called after every fetch attempt with whether it succeeded (for metrics).
    private let onFetch: @Sendable (Bool) -> Void

    public init(
        minimumRefetchInterval: TimeInterval = 60, maximumAge: TimeInterval = 3600, failureRetryInterval: TimeInterval = 1,
        onFetch: @escaping @Sendable (Bool) -> Void = { _ in }, fetch: @escaping Fetch
    ) {
        self.fetch = fetch
        self.minimumRefetchInterval = minimumRefetchInterval
        self.maximumAge = maximumAge
        self.failureRetryInterval = min(failureRetryInterval, minimumRefetchInterval)
        self.onFetch = onFetch
    }

    /// Fetches the JWKS over HTTP(S) with `client`; a non-200 answer, more than 1 MiB or no answer
    /// within `timeout` is a failure.
    public init(
        url: String, client: HTTPClient, timeout: TimeAmount = .seconds(5), minimumRefetchInterval: TimeInterval = 60,
        maximumAge: TimeInterval = 3600, failureRetryInterval: TimeInterval = 1,
        onFetch: @escaping @Sendable (Bool) -> Void = { _ in }
    ) {
        self.init(
            minimumRefetchInterval: minimumRefetchInterval, maximumAge: maximumAge, failureRetryInterval: failureRetryInterval,
            onFetch: onFetch
        ) {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
            guard response.status == .ok else { throw AuthError.keysUnavailable }
            return Data((try await response.body.collect(upTo: 1 << 20)).readableBytesView)
        }
    }

    /// The key for `kid`, fetching the JWKS when the cache is empty, old, or lacks the key (rate-limited).
    ///
    /// Throws `.unknownKey` when the issuer's current keys lack `kid`, and `.keysUnavailable` when
    /// they could not be fetched: the token may be fine, and the caller should try again.
    public func key(for kid: String, now: Date = Date()) async throws(AuthError) -> VerificationKey {
        let stale = fetchedAt.map { now.timeIntervalSince($0) > maximumAge } ?? true
        if let key = keys[kid], !stale { return key }
        await refresh(now: now)
        if let key = keys[kid] { return key }
        throw lastFetchFailed ? .keysUnavailable : .unknownKey
    }

    private func refresh(now: Date) async {
        if let inFlight {
            await inFlight.value
            return
        }
        let interval = lastFetchFailed ? failureRetryInterval : minimumRefetchInterval
        if let lastAttempt, now.timeIntervalSince(lastAttempt) < interval { return }
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
            lastFetchFailed = false
            onFetch(true)
        } catch {
            // Keep the keys we had: an issuer outage should not reject tokens signed with known keys.
            lastFetchFailed = true
            onFetch(false)
        }
    }
}
