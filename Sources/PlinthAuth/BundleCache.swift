import Foundation
import PolicyModel
import Synchronization

/// The policy bundle a service evaluates in-process, with the time it was last confirmed current.
///
/// Reads are a lock and a copy, so checks never wait on the network. Once the bundle has not been
/// confirmed for `maximumAge`, `policy(now:)` fails closed: a service that cannot reach the policy
/// service stops allowing rather than enforcing a policy that may have been revoked.
public final class BundleCache: Sendable {
    struct State: Sendable {
        var policy: CompiledPolicy?
        var etag: String?
        var confirmedAt: Date?
    }

    public let maximumAge: TimeInterval
    private let state = Mutex(State())

    public init(maximumAge: TimeInterval = 300) {
        self.maximumAge = maximumAge
    }

    /// Installs a newly fetched bundle.
    public func install(_ bundle: PolicyBundle, etag: String?, at now: Date = Date()) {
        let compiled = CompiledPolicy(bundle)
        state.withLock { $0 = State(policy: compiled, etag: etag, confirmedAt: now) }
    }

    /// Records that the policy service confirmed the bundle is still current (a 304).
    public func confirm(at now: Date = Date()) {
        state.withLock { $0.confirmedAt = now }
    }

    /// The entity tag to send as `If-None-Match`.
    public var etag: String? { state.withLock { $0.etag } }

    /// The version held, if any.
    public var version: Int? { state.withLock { $0.policy?.version } }

    /// The policy to evaluate, or a 503 problem when there is none or it is older than `maximumAge`.
    public func policy(now: Date = Date()) throws(Problem) -> CompiledPolicy {
        let current = state.withLock { $0 }
        guard let policy = current.policy, let confirmedAt = current.confirmedAt else {
            throw Problem(
                .serviceUnavailable, type: "https://plinth.dev/problems/policy-unavailable",
                title: "Policy unavailable", detail: "no policy bundle has been loaded yet")
        }
        guard now.timeIntervalSince(confirmedAt) <= maximumAge else {
            throw Problem(
                .serviceUnavailable, type: "https://plinth.dev/problems/policy-stale",
                title: "Policy stale", detail: "the policy bundle has not been refreshed for more than \(Int(maximumAge)) s")
        }
        return policy
    }
}
