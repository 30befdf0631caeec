import Foundation
import PlinthAddressing
import Testing

@testable import PlinthPreview

@Suite struct PreviewReaperTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func lease(
        _ branch: String, _ state: PreviewState, pr: Int? = nil, ttlHours: Double = 72, failure: String? = nil
    ) throws
        -> PreviewLease
    {
        PreviewLease(
            branch: branch, slug: PreviewSlug(branch: branch), pullRequest: pr, commit: nil, cidr: try IPv4Prefix(parsing: "10.28.0.0/22"),
            state: state, created: start, expires: start.addingTimeInterval(ttlHours * 3600), updated: start, requester: "ci",
            failure: failure)
    }

    @Test func picksExpiredClosedFailedAndAbandoned() throws {
        let leases = [
            try Self.lease("live", .ready, pr: 1),
            try Self.lease("closed", .ready, pr: 2),
            try Self.lease("short", .ready, pr: 1, ttlHours: 1),
            try Self.lease("failed", .provisioning, failure: "apply failed"),
            try Self.lease("applying", .provisioning),
            try Self.lease("destroying", .destroying),
        ]
        let soon = Self.start.addingTimeInterval(2 * 3600 - 1)
        let due = PreviewReaper.due(leases, now: soon, openPullRequests: [1])
        #expect(due.map(\.lease.branch) == ["closed", "short", "failed"])
        #expect(due.map(\.reason) == [.pullRequestClosed, .expired, .failedApply])

        let later = Self.start.addingTimeInterval(3 * 3600)
        let all = PreviewReaper.due(leases, now: later, openPullRequests: nil)
        #expect(all.map(\.lease.branch) == ["short", "failed", "applying", "destroying"])
        #expect(all.last?.reason == .unfinishedDestroy)
        #expect(PreviewReaper.due(leases, now: Self.start.addingTimeInterval(73 * 3600), openPullRequests: nil).count == 6)
    }
}
