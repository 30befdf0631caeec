import Foundation
import PlinthAWS
import PlinthAddressing
import Testing

@testable import PlinthPreview

/// The lease store against moto's DynamoDB: ranges never shared, one lease per branch, the live
/// count held within `maxConcurrent`, and every transition conditional.
@Suite(.serialized) struct PreviewLeaseStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func request(_ branch: String, pr: Int? = nil) -> PreviewLeaseRequest {
        PreviewLeaseRequest(branch: branch, pullRequest: pr, commit: "abc123", requester: "test", ttl: 72 * 3600)
    }

    @Test func leasesRenewsTransitionsExtendsAndReleases() async throws {
        let emulator = try await LeaseStoreFixture.start()
        defer { emulator.stop() }
        let store = try await emulator.store(pool: "10.28.0.0/14", prefixLength: 22, maxConcurrent: 40)

        let a = try await store.acquire(Self.request("feature/ALLERGY-123_new-panel", pr: 7), now: Self.now)
        let b = try await store.acquire(Self.request("feature/allergy-123-new-panel", pr: 8), now: Self.now)
        #expect(a.isNew && b.isNew)
        #expect(a.lease.cidr != b.lease.cidr)
        #expect(store.pool.isBlock(a.lease.cidr) && store.pool.isBlock(b.lease.cidr))
        #expect(a.lease.state == .provisioning)
        #expect(try await store.liveCount() == 2)

        // Same branch again: the same range, brought up to date, no second lease.
        var again = Self.request("feature/ALLERGY-123_new-panel")
        again.commit = "def456"
        let renewed = try await store.acquire(again, now: Self.now.addingTimeInterval(60))
        #expect(!renewed.isNew)
        #expect(renewed.lease.cidr == a.lease.cidr)
        #expect(renewed.lease.commit == "def456" && renewed.lease.pullRequest == 7)
        #expect(renewed.lease.revision == 2)
        #expect(try await store.leases().count == 2)
        #expect(try await store.liveCount() == 2)

        // Transitions are conditional on the revision read: a stale copy cannot act.
        let ready = try await store.transition(renewed.lease, to: .ready, now: Self.now)
        #expect(try await store.lease(branch: ready.branch) == ready)
        await #expect(throws: PreviewError.leaseChanged(branch: renewed.lease.branch, expected: "revision 2")) {
            _ = try await store.transition(renewed.lease, to: .destroying, now: Self.now)
        }

        // Extension: within the maximum only; nothing changes when refused.
        await #expect(throws: PreviewError.extensionTooLong(hours: 200, maximum: 168)) {
            _ = try await store.extend(branch: ready.branch, hours: 200, maximumHours: 168, now: Self.now)
        }
        #expect(try await store.lease(branch: ready.branch) == ready)
        let extended = try await store.extend(branch: ready.branch, hours: 100, maximumHours: 168, now: Self.now)
        #expect(extended.expires == Self.now.addingTimeInterval(100 * 3600))
        await #expect(throws: PreviewError.unknownBranch("nope")) {
            _ = try await store.extend(branch: "nope", hours: 1, maximumHours: 168, now: Self.now)
        }

        // Release only from destroying; the range and the count come back.
        await #expect(throws: PreviewError.self) { try await store.release(extended) }
        let destroying = try await store.transition(extended, to: .destroying, now: Self.now)
        await #expect(throws: PreviewError.beingDestroyed(branch: destroying.branch)) {
            _ = try await store.acquire(Self.request(destroying.branch), now: Self.now)
        }
        try await store.release(destroying)
        try await store.release(destroying)  // a second release finds it gone and succeeds
        #expect(try await store.lease(branch: destroying.branch) == nil)
        #expect(try await store.leases().map(\.branch) == [b.lease.branch])
        #expect(try await store.liveCount() == 1)
        let back = try await store.acquire(Self.request(destroying.branch), now: Self.now)
        #expect(back.isNew && back.lease.cidr != b.lease.cidr)
    }

    @Test func exhaustionNamesTheHolders() async throws {
        let emulator = try await LeaseStoreFixture.start()
        defer { emulator.stop() }
        let limited = try await emulator.store(pool: "10.28.0.0/20", prefixLength: 22, maxConcurrent: 2)
        _ = try await limited.acquire(Self.request("one"), now: Self.now)
        _ = try await limited.acquire(Self.request("two"), now: Self.now)
        do {
            _ = try await limited.acquire(Self.request("three"), now: Self.now)
            Issue.record("a third lease was granted past maxConcurrent 2")
        } catch let error as PreviewError {
            guard case .exhausted(let limit, let holders) = error else { throw error }
            #expect(limit.contains("maxConcurrent"))
            #expect(Set(holders.map(\.branch)) == ["one", "two"])
            #expect(error.description.contains("one (one) ") && error.description.contains("expires 2027-01-18T"))
        }
        #expect(try await limited.liveCount() == 2)

        let small = try await emulator.store(pool: "10.28.0.0/21", prefixLength: 22, maxConcurrent: 5)
        _ = try await small.acquire(Self.request("one"), now: Self.now)
        _ = try await small.acquire(Self.request("two"), now: Self.now)
        await #expect(throws: PreviewError.self) { _ = try await small.acquire(Self.request("three"), now: Self.now) }
        do {
            _ = try await small.acquire(Self.request("three"), now: Self.now)
        } catch let error as PreviewError {
            #expect(error.description.contains("every /22 of 10.28.0.0/21 is leased"))
        }
    }

    @Test func concurrentCallersNeverShareARange() async throws {
        let emulator = try await LeaseStoreFixture.start()
        defer { emulator.stop() }
        let store = try await emulator.store(pool: "10.28.0.0/18", prefixLength: 22, maxConcurrent: 12)
        let outcomes = await withTaskGroup(of: Result<IPv4Prefix, PreviewError>.self) { group in
            for n in 0..<16 {
                group.addTask {
                    do {
                        return .success(try await store.acquire(Self.request("branch-\(n)"), now: Self.now).lease.cidr)
                    } catch let error as PreviewError {
                        return .failure(error)
                    } catch {
                        return .failure(.store(detail: "\(error)"))
                    }
                }
            }
            var all: [Result<IPv4Prefix, PreviewError>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let granted = outcomes.compactMap { try? $0.get() }
        #expect(granted.count == 12)
        #expect(Set(granted).count == 12)
        let refused = outcomes.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
        #expect(refused.count == 4)
        #expect(refused.allSatisfy { if case .exhausted = $0 { return true } else { return false } }, "\(refused)")
        #expect(try await store.liveCount() == 12)
        #expect(try await store.leases().count == 12)
    }
}
