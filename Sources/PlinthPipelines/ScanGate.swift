import Foundation
import PlinthSpec

/// The gate between an image push and its use: an image passes when every critical or high finding
/// of its ECR scan is covered by an unexpired exception recorded in the spec for its repository.
/// It reads `aws ecr describe-image-scan-findings` output as it is, basic and enhanced scanning
/// alike, so the workflow runs no logic of its own.
public struct ScanGate: Sendable {
    /// One finding of the scan: its name (a CVE, or the scanner's finding id) and severity.
    public struct Finding: Sendable, Equatable, Hashable {
        public var id: String
        public var severity: String
        public var package: String?

        public init(id: String, severity: String, package: String? = nil) {
            self.id = id
            self.severity = severity
            self.package = package
        }
    }

    /// A recorded exception as the workflow reads it (rendered from
    /// `pipelines.containerRepositories[].scanExceptions`).
    public struct Exception: Sendable, Equatable, Codable {
        public var finding: String
        public var reason: String
        public var expires: String

        public init(finding: String, reason: String, expires: String) {
            self.finding = finding
            self.reason = reason
            self.expires = expires
        }

        public init(_ spec: ScanExceptionSpec) {
            self.init(finding: spec.finding, reason: spec.reason, expires: spec.expires)
        }
    }

    /// What the scan said, read from the describe-image-scan-findings JSON.
    public struct Scan: Sendable, Equatable {
        public var status: String?
        public var findings: [Finding]
        /// `findingSeverityCounts`: a count the finding list does not account for blocks too, so a
        /// truncated list cannot pass.
        public var counts: [String: Int]

        public init(status: String?, findings: [Finding], counts: [String: Int]) {
            self.status = status
            self.findings = findings
            self.counts = counts
        }
    }

    /// The outcome, with everything a reviewer needs to see in the job log.
    public struct Verdict: Sendable, Equatable {
        public var blocking: [Finding]
        public var excepted: [Finding]
        /// Exceptions past their last day that name a finding of this scan: no longer honoured.
        public var expired: [Exception]
        /// Why the scan itself cannot be trusted (incomplete, counts without findings), if it cannot.
        public var problems: [String]

        public var passed: Bool { blocking.isEmpty && problems.isEmpty }
    }

    public static let blockingSeverities: Set<String> = ["CRITICAL", "HIGH"]
    /// Scan statuses whose findings are final: a finished basic scan, or enhanced scanning that is
    /// watching the image continuously.
    public static let finishedStatuses: Set<String> = ["COMPLETE", "ACTIVE"]

    public var exceptions: [Exception]
    /// The day (YYYY-MM-DD, UTC) exceptions are judged on; an exception applies through its `expires` day.
    public var today: String

    public init(exceptions: [Exception], today: String) {
        self.exceptions = exceptions
        self.today = today
    }

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case notJSON(String)
        case noScan

        public var description: String {
            switch self {
            case .notJSON(let detail): "the findings are not JSON: \(detail)"
            case .noScan: "the JSON holds no imageScanFindings (is it describe-image-scan-findings output?)"
            }
        }
    }

    /// Reads describe-image-scan-findings output: `imageScanFindings.findings` (basic scanning,
    /// `name`/`severity`) and `imageScanFindings.enhancedFindings` (Inspector,
    /// `packageVulnerabilityDetails.vulnerabilityId`/`severity`).
    public static func scan(describeImageScanFindings data: Data) throws -> Scan {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch { throw ReadError.notJSON("\(error.localizedDescription)") }
        guard let object = root as? [String: Any], let results = object["imageScanFindings"] as? [String: Any] else {
            throw ReadError.noScan
        }
        var findings: [Finding] = []
        for item in results["findings"] as? [[String: Any]] ?? [] {
            let attributes = item["attributes"] as? [[String: Any]] ?? []
            let package = attributes.first { $0["key"] as? String == "package_name" }?["value"] as? String
            findings.append(
                Finding(
                    id: item["name"] as? String ?? "unnamed finding", severity: (item["severity"] as? String ?? "UNDEFINED").uppercased(),
                    package: package))
        }
        for item in results["enhancedFindings"] as? [[String: Any]] ?? [] {
            let details = item["packageVulnerabilityDetails"] as? [String: Any]
            let id =
                details?["vulnerabilityId"] as? String ?? item["title"] as? String ?? item["findingArn"] as? String ?? "unnamed finding"
            let package = (details?["vulnerablePackages"] as? [[String: Any]])?.first?["name"] as? String
            findings.append(Finding(id: id, severity: (item["severity"] as? String ?? "UNDEFINED").uppercased(), package: package))
        }
        let counts = (results["findingSeverityCounts"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
        let status = (object["imageScanStatus"] as? [String: Any])?["status"] as? String
        return Scan(status: status, findings: findings, counts: counts)
    }

    /// Exceptions in force today, by finding name (upper-cased: CVE ids are case-insensitive).
    var inForce: [String: Exception] {
        var result: [String: Exception] = [:]
        for exception in exceptions where exception.expires >= today { result[exception.finding.uppercased()] = exception }
        return result
    }

    public func evaluate(_ scan: Scan) -> Verdict {
        var problems: [String] = []
        if let status = scan.status, !Self.finishedStatuses.contains(status) {
            problems.append("the scan is \(status), not COMPLETE (basic) or ACTIVE (enhanced)")
        }
        let serious = scan.findings.filter { Self.blockingSeverities.contains($0.severity) }
        for severity in Self.blockingSeverities.sorted() {
            let listed = serious.filter { $0.severity == severity }.count
            let counted = scan.counts[severity] ?? 0
            if counted > listed {
                problems.append("the scan counts \(counted) \(severity) finding(s) but lists \(listed): the list is incomplete")
            }
        }
        let valid = inForce
        let excepted = serious.filter { valid[$0.id.uppercased()] != nil }
        let blocking = serious.filter { valid[$0.id.uppercased()] == nil }
        let named = Set(blocking.map { $0.id.uppercased() })
        let expired = exceptions.filter { $0.expires < today && named.contains($0.finding.uppercased()) }
        return Verdict(blocking: blocking, excepted: excepted, expired: expired, problems: problems)
    }

    /// The job log: every blocking finding, every exception used or lapsed, and the result.
    public func report(_ verdict: Verdict) -> String {
        let valid = inForce
        var lines: [String] = []
        for problem in verdict.problems { lines.append("scan: \(problem)") }
        for finding in verdict.blocking {
            lines.append("blocking: \(finding.severity) \(finding.id)\(finding.package.map { " in \($0)" } ?? "")")
        }
        for exception in verdict.expired {
            lines.append("expired exception: \(exception.finding) lapsed after \(exception.expires) (\(exception.reason))")
        }
        for finding in verdict.excepted {
            let exception = valid[finding.id.uppercased()]
            lines.append(
                "excepted: \(finding.severity) \(finding.id) until \(exception?.expires ?? "?") (\(exception?.reason ?? "no reason"))")
        }
        let serious = verdict.blocking.count + verdict.excepted.count
        lines.append(
            verdict.passed
                ? "passed: \(serious) critical or high finding(s), \(verdict.excepted.count) covered by a recorded exception"
                : "failed: \(verdict.blocking.count) critical or high finding(s) without a recorded exception"
                    + (verdict.problems.isEmpty ? "" : ", and the scan cannot be trusted"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The file the publish workflow hands the gate: each image's exceptions, from the spec.
    public static func exceptionsFile(for images: [ContainerRepositorySpec]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let table = Dictionary(
            images.map { ($0.name.rawValue, $0.scanExceptions.map(Exception.init)) }, uniquingKeysWith: { first, _ in first })
        return (try? encoder.encode(table)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    /// Reads that file back: the exceptions of one image (none when it is not listed).
    public static func exceptions(file data: Data, image: String) throws -> [Exception] {
        let table = try JSONDecoder().decode([String: [Exception]].self, from: data)
        return table[image] ?? []
    }
}
