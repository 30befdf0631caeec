import Foundation
import PlinthSpec
import Testing

@testable import PlinthGuardrails

struct SARIFReportTests {
    /// A report with spec findings, plan findings and a waived one, so every SARIF branch is exercised.
    static func report(prefix: String = "") throws -> CheckReport? {
        let text =
            prefix
            + WaiverTests.spec(
                waivers: WaiverTests.webACLWaiver.replacingOccurrences(of: "EXPIRES", with: "2027-01-31"),
                breaking: ("allowFrom: [cloudfront]", "allowFrom: [cloudfront, internet]")
            ).replacingOccurrences(of: "webACL: true", with: "webACL: false")
        let broken = PlanMutation.all.first { $0.name == "rds-single-az" }
        let plans = GuardrailFixture.committedPlans.map { plan in broken.map { $0.stack == plan.stack ? $0.apply(to: plan) : plan } ?? plan
        }
        return try GuardrailFixture.check(text, plans: plans)
    }

    @Test func sarifValidatesAgainstTheSARIF210Schema() throws {
        guard let report = try Self.report() else { return }
        let schema = GuardrailFixture.repositoryRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/schemas/sarif-schema-2.1.0.json")
        #expect(FileManager.default.fileExists(atPath: schema.path), "the SARIF schema is missing at \(schema.path)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(SARIFReport.render(report).rendered().utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(document))
            for error in errors[:10]: print(list(error.absolute_path), error.message)
            runs = document["runs"]
            assert len(runs) == 1, "one run"
            ids = [rule["id"] for rule in runs[0]["tool"]["driver"]["rules"]]
            assert len(ids) == len(set(ids)), "each rule once"
            assert all(r["ruleId"] in ids for r in runs[0]["results"])
            sys.exit(1 if errors else 0)
            """,
            schema.path, file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let printed = String(data: output.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        #expect(process.terminationStatus == 0, "\(printed)")
    }

    @Test func sarifCarriesTagsHelpAndLocations() throws {
        guard let report = try Self.report() else { return }
        let sarif = SARIFReport.render(report)
        let run = sarif["runs"]?.arrayValue.first
        let rules = run?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(rules.count == RuleCatalog.rules.count)
        let ingress = rules.first { $0["id"]?.stringValue == "PL-NET-001" }
        let tags = ingress?["properties"]?["tags"]?.arrayValue.compactMap(\.stringValue) ?? []
        #expect(tags.contains("CIS-AWS-5.2") && tags.contains("HIPAA-164.312(a)(1)"))
        #expect(ingress?["help"]?["text"]?.stringValue?.contains("allowFrom") == true)
        let results = run?["results"]?.arrayValue ?? []
        let planResult = results.first { $0["ruleId"]?.stringValue == "PL-RDS-002" }
        #expect(
            planResult?["locations"]?.arrayValue.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
                == "infrastructure/env/prod/us-east-1/workload/main.tf.json")
        #expect(
            planResult?["relatedLocations"]?.arrayValue.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
                == "platform.yaml")
        let specResult = results.first { $0["ruleId"]?.stringValue == "PL-NET-001" }
        #expect(
            specResult?["locations"]?.arrayValue.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "platform.yaml")
    }

    @Test func sameFindingsGiveSameFingerprintsAcrossRunsAndUnrelatedEdits() throws {
        guard let first = try Self.report(), let second = try Self.report(),
            let shifted = try Self.report(prefix: "# an unrelated comment\n# and another\n")
        else { return }
        func prints(_ report: CheckReport) -> [String: String] {
            Dictionary(
                report.results.map { ("\($0.rule.id) \($0.finding.subject)", $0.finding.fingerprint) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(!prints(first).isEmpty)
        #expect(prints(first) == prints(second))
        #expect(prints(first) == prints(shifted))
        #expect(SARIFReport.render(first).rendered() == SARIFReport.render(second).rendered())
        let line = { (report: CheckReport) in report.results.first { $0.rule.id == "PL-NET-001" }?.finding.location?.line ?? 0 }
        #expect(line(shifted) == line(first) + 2, "the location moves with the edit, the fingerprint does not")
    }

    @Test func junitAndEvidenceNameEveryRuleAndControl() throws {
        guard let report = try Self.report() else { return }
        let junit = JUnitReport.render(report, failOn: .low)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == RuleCatalog.rules.count)
        #expect(junit.contains("PL-NET-001") && junit.contains("<failure type=\"critical\""))
        let evidence = EvidenceReport(report: report, commit: "abc123", generatedAt: "2026-12-07T10:00:00Z")
        #expect(evidence.markdown.contains("## HIPAA Security Rule §164.312(a)(1): FAIL"))
        #expect(evidence.markdown.contains("security-team"))
        let controls = evidence.json["controls"]?.arrayValue ?? []
        #expect(controls.contains { $0["control"]?.stringValue == "3.7" && $0["status"]?.stringValue == "pass" })
        #expect(evidence.json["commit"]?.stringValue == "abc123")
    }
}
