import Foundation
import Testing

@testable import PlinthGuardrails

/// One deliberate break of the committed spec: caught by exactly `rule`, on exactly `paths`, at the
/// line of `line` in the mutated text, and nothing else newly failing.
struct SpecMutation: CustomTestStringConvertible, Sendable {
    let rule: String
    let old: String
    let new: String
    var occurrence = 1
    let paths: [String]
    /// Text whose first occurrence in the mutated spec ends on the line the first finding points at.
    let line: String

    var testDescription: String { "\(rule) \(paths.first ?? "")" }

    static let all: [SpecMutation] = [
        .init(
            rule: "PL-KMS-001", old: "alias: alias/allergyhub-prod\n      rotationDays: 180",
            new: "alias: alias/allergyhub-prod\n      rotationDays: 730",
            paths: ["secrets.kmsKeys[2].rotationDays"], line: "rotationDays: 730"),
        .init(
            rule: "PL-EDGE-001", old: "minimumTLS: TLSv1.2_2021", new: "minimumTLS: TLSv1_2016", paths: ["network.edge.minimumTLS"],
            line: "minimumTLS: TLSv1_2016"),
        .init(rule: "PL-EDGE-002", old: "webACL: true", new: "webACL: false", paths: ["network.edge.webACL"], line: "webACL: false"),
        .init(
            rule: "PL-EDGE-003", old: "cloudFront: true", new: "cloudFront: false", paths: ["network.edge.cloudFront"],
            line: "cloudFront: false"),
        .init(
            rule: "PL-NET-001", old: "allowFrom: [cloudfront]", new: "allowFrom: [cloudfront, internet]",
            paths: ["network.securityGroupIntent[0].allowFrom"], line: "allowFrom: [cloudfront, internet]"),
        .init(
            rule: "PL-NET-002", old: "ports: [443]", new: "ports: [443, 80]", paths: ["network.securityGroupIntent[0].ports"],
            line: "ports: [443, 80]"),
        .init(
            rule: "PL-NET-003", old: "allowFrom: [private]", new: "allowFrom: [private, hub]",
            paths: ["network.securityGroupIntent[2].allowFrom"], line: "allowFrom: [private, hub]"),
        .init(
            rule: "PL-NET-004", old: "allowFrom: [public, hub]", new: "allowFrom: [public, hub, internet]",
            paths: ["network.securityGroupIntent[1].allowFrom"], line: "allowFrom: [public, hub, internet]"),
        .init(
            rule: "PL-NET-005", old: "    - secretsmanager\n    - kms\n", new: "    - secretsmanager\n",
            paths: ["network.interfaceEndpoints"], line: "    - ssm"),
        .init(
            rule: "PL-DB-003", old: "rpoMinutes: 15", new: "rpoMinutes: 240", paths: ["environments[2].disasterRecovery.rpoMinutes"],
            line: "rpoMinutes: 240"),
        .init(
            rule: "PL-LOG-001", old: "    prod: 365\n", new: "    prod: 180\n", paths: ["observability.logRetentionDays.prod"],
            line: "    prod: 180"),
        .init(
            rule: "PL-LOG-002", old: "openSearchRetentionDays: 90", new: "openSearchRetentionDays: 30",
            paths: ["observability.logPipeline.openSearchRetentionDays"], line: "openSearchRetentionDays: 30"),
        .init(
            rule: "PL-SEC-001", old: "scheduleDays: 90", new: "scheduleDays: 180", paths: ["secrets.secrets[2].rotation.scheduleDays"],
            line: "scheduleDays: 180"),
        .init(
            rule: "PL-ORG-001", old: "attachTo: [Security, Infrastructure, Workloads]", new: "attachTo: [Security, Infrastructure]",
            occurrence: 1, paths: ouPaths([2, 3, 4]), line: "    - name: Workloads"),
        .init(
            rule: "PL-ORG-003", old: "attachTo: [Security, Infrastructure, Workloads]", new: "attachTo: [Security, Infrastructure]",
            occurrence: 2, paths: ouPaths([2, 3, 4]), line: "    - name: Workloads"),
        .init(
            rule: "PL-ORG-005", old: "attachTo: [Security, Infrastructure, Workloads]", new: "attachTo: [Security, Infrastructure]",
            occurrence: 3, paths: ouPaths([2, 3, 4]), line: "    - name: Workloads"),
        .init(
            rule: "PL-ORG-002", old: "attachTo: [Security, Infrastructure, Workloads]", new: "attachTo: [Security, Infrastructure]",
            occurrence: 4, paths: ouPaths([2, 3, 4]), line: "    - name: Workloads"),
        .init(
            rule: "PL-ORG-004", old: "attachTo: [Security, Infrastructure, Workloads]", new: "attachTo: [Infrastructure, Workloads]",
            occurrence: 5, paths: ouPaths([0]), line: "    - name: Security"),
        .init(
            rule: "PL-ORG-006", old: "attachTo: [Infrastructure, Workloads]", new: "attachTo: [Infrastructure]", paths: ouPaths([3, 4]),
            line: "    - name: NonProd"),
        .init(
            rule: "PL-IAM-001", old: "      branches: [main]\n      requiresApproval: false",
            new: "      branches: [\"*\"]\n      requiresApproval: false",
            paths: ["pipelines.deployRoles[0].branches"], line: "branches: [\"*\"]"),
        .init(
            rule: "PL-IAM-004", old: "sessionHours: 8\n        managedPolicies: [\"arn:aws:iam::aws:policy/PowerUserAccess\"]",
            new: "sessionHours: 2\n        managedPolicies: [\"arn:aws:iam::aws:policy/AdministratorAccess\"]",
            paths: ["identity.workforce.permissionSets[1].managedPolicies"],
            line: "sessionHours: 2\n        managedPolicies: [\"arn:aws:iam::aws:policy/Admin"),
        .init(
            rule: "PL-IAM-006", old: "        sessionHours: 1\n", new: "        sessionHours: 4\n",
            paths: ["identity.workforce.permissionSets[0].sessionHours"],
            line: "description: Full administration for the platform team, one-hour sessions.\n        sessionHours: 4"),
        .init(
            rule: "PL-IAM-007", old: "permissionSet: Developer\n        accounts: [dev]",
            new: "permissionSet: Developer\n        accounts: [dev, prod]",
            paths: ["identity.workforce.assignments[1].accounts"], line: "accounts: [dev, prod]"),
        .init(
            rule: "PL-TAG-001", old: "DataClassification: phi", new: "DataClassification: secret", paths: ["platform.tags"],
            line: "    CostCenter: platform"),
        .init(
            rule: "PL-PIPE-001", old: "container-scanning, iac-policy, secret-scanning]", new: "container-scanning, secret-scanning]",
            paths: ["pipelines.securityGates"], line: "securityGates: [sast"),
        .init(
            rule: "PL-PIPE-002", old: "container-scanning, iac-policy, secret-scanning]", new: "container-scanning, iac-policy]",
            paths: ["pipelines.securityGates"], line: "securityGates: [sast"),
        .init(
            rule: "PL-PIPE-003", old: "requiredReviews: 2", new: "requiredReviews: 1", paths: ["pipelines.repositories[0].requiredReviews"],
            line: "requiredReviews: 1"),
    ]

    static func ouPaths(_ indices: [Int]) -> [String] { indices.map { "organization.organizationalUnits[\($0)]" } }
}

struct SpecMutationCorpusTests {
    static let baseline: Set<String> = {
        guard let report = try? GuardrailFixture.check() else { return [] }
        return GuardrailFixture.failing(report)
    }()

    @Test(arguments: SpecMutation.all)
    func mutationIsCaughtByExactlyItsRule(_ mutation: SpecMutation) throws {
        let base = GuardrailFixture.specText
        let ranges = Array(base.ranges(of: mutation.old))
        guard ranges.indices.contains(mutation.occurrence - 1) else {
            Issue.record("mutation target not found: \(mutation.old)")
            return
        }
        var text = base
        text.replaceSubrange(ranges[mutation.occurrence - 1], with: mutation.new)
        guard let report = try GuardrailFixture.check(text) else { return }
        let newly = GuardrailFixture.failing(report).subtracting(Self.baseline)
        #expect(newly == Set(mutation.paths.map { "\(mutation.rule) \($0)" }))
        let first = report.results.filter { $0.rule.id == mutation.rule && !$0.isWaived }.sorted { $0.finding.subject < $1.finding.subject }
            .first
        #expect(first?.finding.location?.file == "platform.yaml")
        #expect(first?.finding.location?.line == GuardrailFixture.line(of: mutation.line, in: text))
    }

    /// Production backups below a week: staging mirrors production, so both change together and
    /// only production is flagged.
    @Test func shortProductionBackupsAreCaughtOnProductionOnly() throws {
        var text = GuardrailFixture.specText
        text = text.replacingOccurrences(of: "backupRetentionDays: 14", with: "backupRetentionDays: 3")
        guard let report = try GuardrailFixture.check(text) else { return }
        let newly = GuardrailFixture.failing(report).subtracting(Self.baseline)
        #expect(newly == ["PL-DB-001 environments[2].database.backupRetentionDays"])
        let finding = report.results.first { $0.rule.id == "PL-DB-001" }?.finding
        let prodLine = text.range(of: "instanceClass: db.r6g.xlarge").map { text[..<$0.lowerBound].filter { $0 == "\n" }.count + 1 }
        #expect(finding?.location?.line == prodLine.map { $0 + 4 })
    }
}
