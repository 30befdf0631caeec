/// JUnit XML for CI dashboards: one test case per rule, failed by its unwaived findings.
public enum JUnitReport {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    public static func render(_ report: CheckReport, failOn: Severity) -> String {
        let failing = Set(report.failing(at: failOn).map(\.finding.subject))
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0
        for target in [RuleTarget.spec, .stack, .plan, .platform] {
            let rules = report.rules.filter { $0.target == target }
            var cases: [String] = []
            var failures = 0
            for rule in rules {
                let mine = report.results.filter { $0.rule.id == rule.id }
                let failed = mine.filter { !$0.isWaived && failing.contains($0.finding.subject) }
                var body = ""
                if !failed.isEmpty {
                    failures += 1
                    let details = failed.map { result in
                        "\(result.finding.location.map { "\($0)" } ?? report.specFile): \(result.finding.subject): \(result.finding.message)"
                    }
                    body +=
                        "<failure type=\"\(rule.severity.rawValue)\" message=\"\(escape("\(failed.count) finding(s): \(failed[0].finding.message)"))\">"
                    body += escape(details.joined(separator: "\n")) + "</failure>"
                }
                let waived = mine.filter(\.isWaived)
                if !waived.isEmpty {
                    body +=
                        "<system-out>" + escape(waived.map { "waived: \($0.finding.subject)" }.joined(separator: "\n")) + "</system-out>"
                }
                let name = escape("\(rule.id) \(rule.title)")
                cases.append(
                    body.isEmpty
                        ? "    <testcase classname=\"plinth.check.\(target.rawValue)\" name=\"\(name)\"/>"
                        : "    <testcase classname=\"plinth.check.\(target.rawValue)\" name=\"\(name)\">\(body)</testcase>")
            }
            totalTests += rules.count
            totalFailures += failures
            suites.append(
                "  <testsuite name=\"plinth check: \(target.rawValue)\" tests=\"\(rules.count)\" failures=\"\(failures)\" errors=\"0\">\n"
                    + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"plinth check\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }
}
