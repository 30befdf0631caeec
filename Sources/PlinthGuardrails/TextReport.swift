/// The report for people: one aligned line per finding, then waivers and a summary.
public enum TextReport {
    public static func render(_ report: CheckReport, failOn: Severity) -> String {
        var lines: [String] = []
        let rows = report.results.map { result -> [String] in
            let place = result.finding.location.map { "\($0)" } ?? report.specFile
            var message = result.finding.message
            if let stack = result.finding.stack, let resource = result.finding.resource {
                message = "\(stack) \(resource): \(message)"
            }
            if let path = result.finding.specPath, result.finding.stack != nil {
                message += " [from \(path)\(result.finding.specLocation.map { " at \($0)" } ?? "")]"
            } else if let path = result.finding.specPath {
                message = "\(path): \(message)"
            }
            let status = result.waiver.map { report.waivers[$0] }.map { "waived (\($0.waiver.owner): \($0.waiver.reason))" }
            return [
                result.isWaived ? "waived" : result.rule.severity.rawValue, result.rule.id, place,
                message + (status.map { " - \($0)" } ?? ""),
            ]
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(
                (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[3])
        }
        for outcome in report.waivers where outcome.state != .applied {
            let place = outcome.location.map { "\($0)" } ?? report.specFile
            let what =
                outcome.state == .expired
                ? "waiver of \(outcome.waiver.rule) for \(outcome.waiver.scope) expired on \(outcome.waiver.expires) (owner \(outcome.waiver.owner)): the check fails"
                : "waiver of \(outcome.waiver.rule) for \(outcome.waiver.scope) matches nothing (owner \(outcome.waiver.owner)): remove it"
            lines.append("\(outcome.state.rawValue)  \(place)  \(what)")
        }
        let failing = report.failing(at: failOn).count
        let waived = report.results.filter(\.isWaived).count
        let below = report.results.filter { !$0.isWaived }.count - failing
        lines.append(
            "\(report.rules.count) rules over \(report.specFile), \(report.stackCount) stacks, \(report.planCount) plans: "
                + "\(failing) failing at \(failOn.rawValue) or above, \(below) below it, \(waived) waived, "
                + "\(report.expiredWaivers.count) expired and \(report.waivers.filter { $0.state == .unused }.count) unused waivers")
        return lines.joined(separator: "\n")
    }
}
