import Foundation
import PlinthAddressing

/// Where a preview is in its life; every change of state is a conditional write on the lease.
public enum PreviewState: String, Sendable, Codable, CaseIterable {
    /// Leased; its stacks are being applied (or the apply failed or was cut off).
    case provisioning
    /// Applied and reachable.
    case ready
    /// Its stacks are being destroyed; the lease is released when nothing is left.
    case destroying
}

/// One branch's hold on a range of the preview pool.
public struct PreviewLease: Sendable, Equatable, Codable {
    public var branch: String
    public var slug: PreviewSlug
    public var pullRequest: Int?
    public var commit: String?
    public var cidr: IPv4Prefix
    public var state: PreviewState
    public var created: Date
    public var expires: Date
    /// When the lease last changed.
    public var updated: Date
    /// Counts the lease's writes; every transition is conditional on it, so of two callers that
    /// read the same lease only one can act on it.
    public var revision: Int
    /// Who asked (a user or a CI job).
    public var requester: String
    /// Why the last apply failed, when it did.
    public var failure: String?

    public init(
        branch: String, slug: PreviewSlug, pullRequest: Int?, commit: String?, cidr: IPv4Prefix, state: PreviewState,
        created: Date, expires: Date, updated: Date, revision: Int = 1, requester: String, failure: String? = nil
    ) {
        self.branch = branch
        self.slug = slug
        self.pullRequest = pullRequest
        self.commit = commit
        self.cidr = cidr
        self.state = state
        self.created = created
        self.expires = expires
        self.updated = updated
        self.revision = revision
        self.requester = requester
        self.failure = failure
    }

    enum CodingKeys: String, CodingKey {
        case branch, slug, pullRequest, commit, cidr, state, created, expires, updated, revision, requester, failure
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        branch = try c.decode(String.self, forKey: .branch)
        slug = PreviewSlug(branch: branch)
        pullRequest = try c.decodeIfPresent(Int.self, forKey: .pullRequest)
        commit = try c.decodeIfPresent(String.self, forKey: .commit)
        let text = try c.decode(String.self, forKey: .cidr)
        do {
            cidr = try IPv4Prefix(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .cidr, in: c, debugDescription: "\(error)")
        }
        state = try c.decode(PreviewState.self, forKey: .state)
        created = try c.decode(Date.self, forKey: .created)
        expires = try c.decode(Date.self, forKey: .expires)
        updated = try c.decode(Date.self, forKey: .updated)
        revision = try c.decode(Int.self, forKey: .revision)
        requester = try c.decode(String.self, forKey: .requester)
        failure = try c.decodeIfPresent(String.self, forKey: .failure)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(branch, forKey: .branch)
        try c.encode(slug.value, forKey: .slug)
        try c.encodeIfPresent(pullRequest, forKey: .pullRequest)
        try c.encodeIfPresent(commit, forKey: .commit)
        try c.encode(cidr.description, forKey: .cidr)
        try c.encode(state, forKey: .state)
        try c.encode(created, forKey: .created)
        try c.encode(expires, forKey: .expires)
        try c.encode(updated, forKey: .updated)
        try c.encode(revision, forKey: .revision)
        try c.encode(requester, forKey: .requester)
        try c.encodeIfPresent(failure, forKey: .failure)
    }
}

/// What `preview up` asks of the lease store.
public struct PreviewLeaseRequest: Sendable, Equatable {
    public var branch: String
    public var pullRequest: Int?
    public var commit: String?
    public var requester: String
    /// How long the preview lives from now.
    public var ttl: TimeInterval

    public init(branch: String, pullRequest: Int? = nil, commit: String? = nil, requester: String, ttl: TimeInterval) {
        self.branch = branch
        self.pullRequest = pullRequest
        self.commit = commit
        self.requester = requester
        self.ttl = ttl
    }
}
