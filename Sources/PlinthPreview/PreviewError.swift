import Foundation

/// Why a preview operation was refused; each case says enough to act on without reading logs.
public enum PreviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec has no enabled previews for any environment.
    case disabled(detail: String)
    /// `maxConcurrent` previews are alive, or every range of the pool is leased.
    case exhausted(limit: String, holders: [PreviewLease])
    /// No lease for this branch.
    case unknownBranch(String)
    /// Two branch names gave one slug (a 32-bit hash collision, or a hand-edited table).
    case slugTaken(slug: String, heldBy: String, requested: String)
    /// The lease moved on (another caller changed it) between read and write.
    case leaseChanged(branch: String, expected: String)
    /// The branch's preview is being destroyed; `up` must wait for that to finish.
    case beingDestroyed(branch: String)
    /// An extension past what the spec allows.
    case extensionTooLong(hours: Int, maximum: Int)
    /// The lease store could not be used (table missing, bad item).
    case store(detail: String)

    public var description: String {
        switch self {
        case .disabled(let detail):
            return "previews are disabled: \(detail)"
        case .exhausted(let limit, let holders):
            let formatter = ISO8601DateFormatter()
            let lines = holders.sorted { $0.expires < $1.expires }.map {
                "  \($0.branch) (\($0.slug)) \($0.cidr) \($0.state.rawValue), expires \(formatter.string(from: $0.expires))"
            }
            return (["no preview can be leased: \(limit); held by:"] + lines).joined(separator: "\n")
        case .unknownBranch(let branch):
            return "no preview for branch '\(branch)'"
        case .slugTaken(let slug, let heldBy, let requested):
            return "branch '\(requested)' maps to slug \(slug), already held by branch '\(heldBy)'"
        case .leaseChanged(let branch, let expected):
            return "the lease of '\(branch)' changed under this run (expected \(expected)); another run is acting on it"
        case .beingDestroyed(let branch):
            return "the preview of '\(branch)' is being destroyed; run again once that has finished"
        case .extensionTooLong(let hours, let maximum):
            return "cannot extend by \(hours) h: the spec allows at most \(maximum) h from now"
        case .store(let detail):
            return "lease store: \(detail)"
        }
    }
}
