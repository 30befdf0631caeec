import Foundation

/// How `plinth changes` shows the log: an aligned table for people, JSON (the records as stored,
/// in an array) for tools.
public struct ChangeReport: Sendable {
    public var records: [ChangeRecord]

    public init(records: [ChangeRecord]) { self.records = records }

    static let columns = ["started (UTC)", "stack", "result", "changes", "account", "approved by", "change", "commit", "plan"]

    public func table() -> String {
        guard !records.isEmpty else { return "no change records\n" }
        let rows = records.map { record -> [String] in
            [
                ISO8601DateFormatter.string(
                    from: record.started, timeZone: .gmt,
                    formatOptions: [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime]),
                record.stack, record.result.rawValue, "+\(record.added) ~\(record.changed) -\(record.destroyed)",
                record.account ?? "-", record.approvedBy ?? "-", record.changeID, record.commit.map { String($0.prefix(12)) } ?? "-",
                String(record.planFingerprint.prefix(12)),
            ]
        }
        let all = [Self.columns] + rows
        let widths = Self.columns.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        for record in records where record.result == .failed {
            out += "\(record.stack) (\(record.changeID)) failed: \(record.detail ?? "no detail recorded")\n"
        }
        return out
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
    }
}
