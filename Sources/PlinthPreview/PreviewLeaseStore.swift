import Foundation
import PlinthAWS
import PlinthAddressing

/// Leases of the preview pool, kept in one DynamoDB table so that every CI job and every person
/// sees the same holders.
///
/// The table has three kinds of item under its string key `pk`:
/// - `lease#<cidr>`, one per leased range, the lease itself; written only if absent, so two
///   callers can never hold one range;
/// - `branch#<slug>`, naming the range a branch holds; written only if absent, so a branch never
///   holds two;
/// - `counter`, the number of live leases; raised only while below `maxConcurrent`.
/// A lease is taken and released by one transaction over all three, so the count always equals
/// the leases and a caller killed at any point leaves either a whole lease or none.
public struct PreviewLeaseStore: Sendable {
    public let dynamoDB: DynamoDBClient
    public let table: String
    public let pool: PreviewAddressPool
    public let maxConcurrent: Int

    /// The key attribute of the lease table.
    public static let keyAttribute = "pk"
    static let counterKey = "counter"
    /// Rounds of read-then-write before contention is reported rather than retried.
    static let rounds = 12
    /// Ranges tried per round before the holders are read again.
    static let triesPerRound = 4

    public init(dynamoDB: DynamoDBClient, table: String, pool: PreviewAddressPool, maxConcurrent: Int) {
        self.dynamoDB = dynamoDB
        self.table = table
        self.pool = pool
        self.maxConcurrent = maxConcurrent
    }

    /// A lease and whether this call created it (false: the branch already held it, and its
    /// commit, pull request and expiry were brought up to date).
    public struct Acquisition: Sendable, Equatable {
        public var lease: PreviewLease
        public var isNew: Bool
    }

    /// Leases a range for the branch, or renews the lease it holds.
    public func acquire(_ request: PreviewLeaseRequest, now: Date) async throws -> Acquisition {
        let slug = PreviewSlug(branch: request.branch)
        let now = Self.second(now)
        for _ in 0..<Self.rounds {
            if let held = try await lease(branch: request.branch) {
                return Acquisition(lease: try await renew(held, with: request, now: now), isNew: false)
            }
            let holders = try await leases()
            if holders.count >= maxConcurrent {
                throw PreviewError.exhausted(limit: "\(maxConcurrent) previews are alive (maxConcurrent)", holders: holders)
            }
            let free = pool.candidates(for: slug, taken: Set(holders.map(\.cidr)))
            if free.isEmpty {
                throw PreviewError.exhausted(limit: "every /\(pool.prefixLength) of \(pool.pool) is leased", holders: holders)
            }
            for cidr in free.prefix(Self.triesPerRound) {
                let lease = PreviewLease(
                    branch: request.branch, slug: slug, pullRequest: request.pullRequest, commit: request.commit, cidr: cidr,
                    state: .provisioning, created: now, expires: now.addingTimeInterval(request.ttl), updated: now,
                    requester: request.requester)
                do {
                    try await dynamoDB.transactWrite([
                        .put(table: table, item: Self.item(lease), condition: .init("attribute_not_exists(pk)")),
                        .put(
                            table: table,
                            item: [
                                "pk": .string(Self.branchKey(slug)), "branch": .string(request.branch),
                                "cidr": .string(cidr.description),
                            ],
                            condition: .init("attribute_not_exists(pk)")),
                        .update(
                            table: table, key: Self.key(Self.counterKey),
                            update: .init(
                                "SET #live = if_not_exists(#live, :zero) + :one", names: ["#live": "live"],
                                values: [":zero": .number("0"), ":one": .number("1")]),
                            condition: .init(
                                "attribute_not_exists(#live) OR #live < :max", names: ["#live": "live"],
                                values: [":max": .number(String(maxConcurrent))])),
                    ])
                    return Acquisition(lease: lease, isNew: true)
                } catch let cancelled as DynamoDBClient.TransactionCanceled {
                    if cancelled.conditionFailed(at: 2) {
                        throw PreviewError.exhausted(
                            limit: "\(maxConcurrent) previews are alive (maxConcurrent)", holders: try await leases())
                    }
                    if cancelled.conditionFailed(at: 1) { break }  // the branch was leased meanwhile: renew it
                    continue  // the range went to someone else, or a conflicting transaction: try the next
                }
            }
        }
        throw PreviewError.store(detail: "no range could be leased after \(Self.rounds) rounds of contention")
    }

    /// The lease a branch holds, if any.
    public func lease(branch: String) async throws -> PreviewLease? {
        let slug = PreviewSlug(branch: branch)
        guard let pointer = try await dynamoDB.getItem(table: table, key: Self.key(Self.branchKey(slug))) else { return nil }
        let holder = pointer["branch"]?.text ?? ""
        if holder != branch {
            throw PreviewError.slugTaken(slug: slug.value, heldBy: holder, requested: branch)
        }
        guard let cidr = pointer["cidr"]?.text,
            let item = try await dynamoDB.getItem(table: table, key: Self.key("lease#" + cidr))
        else { return nil }
        return try Self.lease(from: item)
    }

    /// Every lease, read consistently.
    public func leases() async throws -> [PreviewLease] {
        try await dynamoDB.scan(table: table, consistentRead: true)
            .filter { $0["pk"]?.text?.hasPrefix("lease#") == true }
            .map(Self.lease(from:))
            .sorted { $0.created == $1.created ? $0.branch < $1.branch : $0.created < $1.created }
    }

    /// The number of live leases the counter holds (equal to `leases().count` at rest).
    public func liveCount() async throws -> Int {
        let item = try await dynamoDB.getItem(table: table, key: Self.key(Self.counterKey))
        return Int(item?["live"]?.text ?? "0") ?? 0
    }

    /// Moves a lease to `state`, only if it is still exactly as `lease` read it.
    public func transition(
        _ lease: PreviewLease, to state: PreviewState, failure: String? = nil, now: Date
    ) async throws -> PreviewLease {
        var next = lease
        next.state = state
        next.failure = failure
        return try await write(next, replacing: lease, now: now)
    }

    /// Sets the expiry to `hours` from now, within the spec's maximum.
    public func extend(branch: String, hours: Int, maximumHours: Int, now: Date) async throws -> PreviewLease {
        guard hours >= 1, hours <= maximumHours else { throw PreviewError.extensionTooLong(hours: hours, maximum: maximumHours) }
        guard let lease = try await lease(branch: branch) else { throw PreviewError.unknownBranch(branch) }
        if lease.state == .destroying { throw PreviewError.beingDestroyed(branch: branch) }
        var next = lease
        next.expires = Self.second(now).addingTimeInterval(TimeInterval(hours) * 3600)
        return try await write(next, replacing: lease, now: now)
    }

    /// Gives the range back; only a lease in `destroying` (its stacks gone) as `lease` read it.
    /// Releasing a lease that is no longer there succeeds: another run finished it.
    public func release(_ lease: PreviewLease) async throws {
        guard lease.state == .destroying else {
            throw PreviewError.leaseChanged(branch: lease.branch, expected: PreviewState.destroying.rawValue)
        }
        do {
            try await dynamoDB.transactWrite([
                .delete(
                    table: table, key: Self.key("lease#\(lease.cidr)"),
                    condition: .init(
                        "#rev = :revision AND #state = :destroying", names: ["#rev": "revision", "#state": "state"],
                        values: [":revision": .number(String(lease.revision)), ":destroying": .string("destroying")])),
                .delete(
                    table: table, key: Self.key(Self.branchKey(lease.slug)),
                    condition: .init("cidr = :cidr", values: [":cidr": .string(lease.cidr.description)])),
                .update(
                    table: table, key: Self.key(Self.counterKey),
                    update: .init("SET #live = #live - :one", names: ["#live": "live"], values: [":one": .number("1")]),
                    condition: .init("#live > :zero", names: ["#live": "live"], values: [":zero": .number("0")])),
            ])
        } catch let cancelled as DynamoDBClient.TransactionCanceled {
            if try await dynamoDB.getItem(table: table, key: Self.key("lease#\(lease.cidr)")) == nil { return }
            throw PreviewError.leaseChanged(branch: lease.branch, expected: "revision \(lease.revision): \(cancelled.message)")
        }
    }

    private func renew(_ held: PreviewLease, with request: PreviewLeaseRequest, now: Date) async throws -> PreviewLease {
        if held.state == .destroying { throw PreviewError.beingDestroyed(branch: held.branch) }
        var next = held
        next.pullRequest = request.pullRequest ?? held.pullRequest
        next.commit = request.commit ?? held.commit
        next.requester = request.requester
        next.expires = now.addingTimeInterval(request.ttl)
        next.state = .provisioning
        next.failure = nil
        return try await write(next, replacing: held, now: now)
    }

    /// Writes `next` over the lease item if its revision is still `previous.revision`.
    private func write(_ next: PreviewLease, replacing previous: PreviewLease, now: Date) async throws -> PreviewLease {
        var next = next
        next.updated = Self.second(now)
        next.revision = previous.revision + 1
        do {
            try await dynamoDB.putItem(
                table: table, item: Self.item(next),
                condition: .init(
                    "#rev = :revision", names: ["#rev": "revision"], values: [":revision": .number(String(previous.revision))]))
        } catch let error as AWSError where error.code == "ConditionalCheckFailedException" {
            throw PreviewError.leaseChanged(branch: previous.branch, expected: "revision \(previous.revision)")
        }
        return next
    }

    static func key(_ value: String) -> DynamoDBClient.Item { [keyAttribute: .string(value)] }
    static func branchKey(_ slug: PreviewSlug) -> String { "branch#" + slug.value }
    static func second(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }

    static func item(_ lease: PreviewLease) -> DynamoDBClient.Item {
        var item: DynamoDBClient.Item = [
            keyAttribute: .string("lease#\(lease.cidr)"), "branch": .string(lease.branch), "slug": .string(lease.slug.value),
            "cidr": .string(lease.cidr.description), "state": .string(lease.state.rawValue),
            "created": .string(timestamp(lease.created)), "expires": .string(timestamp(lease.expires)),
            "updated": .string(timestamp(lease.updated)), "revision": .number(String(lease.revision)),
            "requester": .string(lease.requester),
        ]
        if let pr = lease.pullRequest { item["pullRequest"] = .number(String(pr)) }
        if let commit = lease.commit { item["commit"] = .string(commit) }
        if let failure = lease.failure { item["failure"] = .string(failure) }
        return item
    }

    static func lease(from item: DynamoDBClient.Item) throws -> PreviewLease {
        func text(_ name: String) throws -> String {
            guard let value = item[name]?.text else {
                throw PreviewError.store(detail: "lease item \(item["pk"]?.text ?? "?") has no \(name)")
            }
            return value
        }
        func date(_ name: String) throws -> Date {
            guard let date = ISO8601DateFormatter().date(from: try text(name)) else {
                throw PreviewError.store(detail: "lease item \(item["pk"]?.text ?? "?") has a malformed \(name)")
            }
            return date
        }
        let branch = try text("branch")
        guard let cidr = try? IPv4Prefix(parsing: try text("cidr")), let state = PreviewState(rawValue: try text("state")),
            let revision = Int(try text("revision"))
        else { throw PreviewError.store(detail: "lease item \(item["pk"]?.text ?? "?") is malformed") }
        return PreviewLease(
            branch: branch, slug: PreviewSlug(branch: branch), pullRequest: item["pullRequest"]?.text.flatMap { Int($0) },
            commit: item["commit"]?.text, cidr: cidr, state: state, created: try date("created"), expires: try date("expires"),
            updated: try date("updated"), revision: revision, requester: try text("requester"), failure: item["failure"]?.text)
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
