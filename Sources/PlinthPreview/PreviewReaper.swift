import Foundation

/// Which previews a reap ends, and why. Pure: the reap command reads the leases, asks this, then
/// claims each due lease with a conditional write so that concurrent reapers never both act.
public enum PreviewReaper {
    public enum Reason: String, Sendable, Equatable, Codable {
        /// Past its expiry.
        case expired
        /// Its pull request is no longer open.
        case pullRequestClosed = "pull-request-closed"
        /// A destroy that stopped half-way (its process died or failed).
        case unfinishedDestroy = "unfinished-destroy"
        /// An apply that failed or stopped half-way.
        case failedApply = "failed-apply"
    }

    /// How long a lease may sit in `provisioning` or `destroying` before the run that holds it is
    /// taken to be gone. Longer than any apply or destroy of a preview's stacks.
    public static let defaultStaleAfter: TimeInterval = 2 * 3600

    /// The leases due, each with its first reason, in lease order.
    /// - Parameter openPullRequests: nil when unknown (then no preview is ended for its PR).
    public static func due(
        _ leases: [PreviewLease], now: Date, openPullRequests: Set<Int>?, staleAfter: TimeInterval = defaultStaleAfter
    ) -> [(lease: PreviewLease, reason: Reason)] {
        leases.compactMap { lease in
            let stale = lease.updated.addingTimeInterval(staleAfter) <= now
            switch lease.state {
            case .destroying:
                return stale ? (lease, .unfinishedDestroy) : nil
            case .provisioning where lease.failure != nil || stale:
                return (lease, .failedApply)
            case .provisioning, .ready:
                if lease.expires <= now { return (lease, .expired) }
                if let open = openPullRequests, let pr = lease.pullRequest, !open.contains(pr) {
                    return (lease, .pullRequestClosed)
                }
                return nil
            }
        }
    }
}
