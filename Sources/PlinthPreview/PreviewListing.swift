import Foundation
import PlinthReport

/// `plinth preview list` output: a table for people, JSON for tools.
public enum PreviewListing {
    public static func text(_ leases: [PreviewLease], now: Date) -> String {
        guard !leases.isEmpty else { return "no previews\n" }
        var table = TextTable(["branch", "slug", "cidr", "state", "age", "expires", "owner"])
        for lease in leases {
            table.add([
                lease.branch, lease.slug.value, lease.cidr.description,
                lease.state.rawValue + (lease.failure == nil ? "" : " (apply failed)"),
                duration(now.timeIntervalSince(lease.created)), timestamp(lease.expires), lease.requester,
            ])
        }
        return table.rendered(indent: 0)
    }

    public static func json(_ leases: [PreviewLease]) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(leases), as: UTF8.self) + "\n"
    }

    public static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// `3d4h`, `5h12m`, `7m`: coarse, as people read an age.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds) / 60)
        if minutes >= 24 * 60 { return "\(minutes / 1440)d\(minutes % 1440 / 60)h" }
        if minutes >= 60 { return "\(minutes / 60)h\(minutes % 60)m" }
        return "\(minutes)m"
    }
}
