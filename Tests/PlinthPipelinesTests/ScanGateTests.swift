import Foundation
import PlinthPipelines
import PlinthSpec
import Testing

/// The publish gate over `aws ecr describe-image-scan-findings` output: critical and high findings
/// block unless an unexpired exception recorded in the spec names them.
@Suite("pipelines: the ECR scan gate")
struct ScanGateTests {
    /// Shaped like describe-image-scan-findings with basic scanning.
    static let basic = """
        {
          "registryId": "123456789012",
          "repositoryName": "policy-service",
          "imageId": {"imageDigest": "sha256:0f", "imageTag": "abc123"},
          "imageScanStatus": {"status": "COMPLETE", "description": "The scan was completed successfully."},
          "imageScanFindings": {
            "imageScanCompletedAt": "2026-12-07T10:00:00+00:00",
            "vulnerabilitySourceUpdatedAt": "2026-12-06T00:00:00+00:00",
            "findingSeverityCounts": {"HIGH": 1, "CRITICAL": 1, "MEDIUM": 1},
            "findings": [
              {"name": "CVE-2026-1111", "uri": "https://security-tracker.debian.org/tracker/CVE-2026-1111", "severity": "HIGH",
               "attributes": [{"key": "package_version", "value": "3.0.11"}, {"key": "package_name", "value": "openssl"}]},
              {"name": "CVE-2026-2222", "severity": "CRITICAL", "attributes": [{"key": "package_name", "value": "zlib"}]},
              {"name": "CVE-2026-3333", "severity": "MEDIUM", "attributes": []}
            ]
          }
        }
        """

    /// Shaped like describe-image-scan-findings with enhanced (Inspector) scanning.
    static let enhanced = """
        {
          "repositoryName": "policy-service",
          "imageScanStatus": {"status": "ACTIVE"},
          "imageScanFindings": {
            "findingSeverityCounts": {"HIGH": 1},
            "enhancedFindings": [
              {"awsAccountId": "123456789012", "severity": "HIGH", "status": "ACTIVE", "type": "PACKAGE_VULNERABILITY",
               "title": "CVE-2026-4444 - glibc",
               "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2026-4444", "vulnerablePackages": [{"name": "glibc"}]}}
            ]
          }
        }
        """

    static func scan(_ text: String) throws -> ScanGate.Scan {
        try ScanGate.scan(describeImageScanFindings: Data(text.utf8))
    }

    static let openssl = ScanGate.Exception(
        finding: "CVE-2026-1111", reason: "TLS is terminated by the load balancer", expires: "2026-12-31")
    static let zlib = ScanGate.Exception(finding: "cve-2026-2222", reason: "no compressed input is parsed", expires: "2026-12-31")

    @Test func criticalAndHighFindingsWithoutAnExceptionBlock() throws {
        let scan = try Self.scan(Self.basic)
        #expect(scan.findings.count == 3)
        let gate = ScanGate(exceptions: [], today: "2026-12-07")
        let verdict = gate.evaluate(scan)
        #expect(!verdict.passed)
        #expect(verdict.blocking.map(\.id) == ["CVE-2026-1111", "CVE-2026-2222"])
        #expect(verdict.blocking.first?.package == "openssl")
        let report = gate.report(verdict)
        #expect(report.contains("blocking: HIGH CVE-2026-1111 in openssl"))
        #expect(report.hasSuffix("failed: 2 critical or high finding(s) without a recorded exception\n"))
        #expect(!report.contains("CVE-2026-3333"), "a medium finding neither blocks nor needs an exception")
    }

    @Test func unexpiredExceptionsLetExactlyTheirFindingsThrough() throws {
        let scan = try Self.scan(Self.basic)
        let one = ScanGate(exceptions: [Self.openssl], today: "2026-12-07").evaluate(scan)
        #expect(!one.passed)
        #expect(one.blocking.map(\.id) == ["CVE-2026-2222"])
        #expect(one.excepted.map(\.id) == ["CVE-2026-1111"])
        let both = ScanGate(exceptions: [Self.openssl, Self.zlib], today: "2026-12-31")
        let verdict = both.evaluate(scan)
        #expect(verdict.passed, "an exception applies through its expires day, and CVE ids match in any case")
        #expect(both.report(verdict).contains("excepted: HIGH CVE-2026-1111 until 2026-12-31 (TLS is terminated by the load balancer)"))
    }

    @Test func anExpiredExceptionBlocksAgainAndIsNamed() throws {
        let gate = ScanGate(exceptions: [Self.openssl, Self.zlib], today: "2027-01-01")
        let verdict = gate.evaluate(try Self.scan(Self.basic))
        #expect(!verdict.passed)
        #expect(verdict.blocking.count == 2)
        #expect(verdict.expired.map(\.finding) == ["CVE-2026-1111", "cve-2026-2222"])
        #expect(gate.report(verdict).contains("expired exception: CVE-2026-1111 lapsed after 2026-12-31"))
    }

    @Test func enhancedFindingsAreReadByTheirVulnerabilityID() throws {
        let scan = try Self.scan(Self.enhanced)
        #expect(scan.findings == [ScanGate.Finding(id: "CVE-2026-4444", severity: "HIGH", package: "glibc")])
        #expect(!ScanGate(exceptions: [], today: "2026-12-07").evaluate(scan).passed)
        let excepted = ScanGate.Exception(finding: "CVE-2026-4444", reason: "static binary, glibc unused", expires: "2027-01-31")
        #expect(ScanGate(exceptions: [excepted], today: "2026-12-07").evaluate(scan).passed)
    }

    @Test func anIncompleteScanOrAListShorterThanItsCountsFails() throws {
        let pending = Self.basic.replacingOccurrences(of: "\"status\": \"COMPLETE\"", with: "\"status\": \"IN_PROGRESS\"")
        let gate = ScanGate(exceptions: [Self.openssl, Self.zlib], today: "2026-12-07")
        let verdict = gate.evaluate(try Self.scan(pending))
        #expect(verdict.problems == ["the scan is IN_PROGRESS, not COMPLETE (basic) or ACTIVE (enhanced)"])
        #expect(!verdict.passed)
        let truncated = Self.basic.replacingOccurrences(of: "\"HIGH\": 1, \"CRITICAL\": 1", with: "\"HIGH\": 3, \"CRITICAL\": 1")
        #expect(
            gate.evaluate(try Self.scan(truncated)).problems == ["the scan counts 3 HIGH finding(s) but lists 1: the list is incomplete"])
    }

    @Test func aCleanScanPassesAndOtherJSONIsRefused() throws {
        let clean = try Self.scan(#"{"imageScanStatus": {"status": "COMPLETE"}, "imageScanFindings": {"findings": []}}"#)
        #expect(ScanGate(exceptions: [], today: "2026-12-07").evaluate(clean).passed)
        #expect(throws: ScanGate.ReadError.noScan) { try Self.scan(#"{"HIGH": 1}"#) }
        #expect(throws: ScanGate.ReadError.self) { try Self.scan("HIGH: 1") }
    }

    @Test func theExceptionsFileCarriesEachImagesOwnExceptions() throws {
        var image = ContainerRepositorySpec()
        image.name = "policy-service"
        var exception = ScanExceptionSpec()
        exception.finding = "CVE-2026-1111"
        exception.reason = "TLS is terminated by the load balancer"
        exception.expires = "2026-12-31"
        image.scanExceptions = [exception]
        var other = ContainerRepositorySpec()
        other.name = "other"
        let file = Data(ScanGate.exceptionsFile(for: [image, other]).utf8)
        #expect(try ScanGate.exceptions(file: file, image: "policy-service") == [Self.openssl])
        #expect(try ScanGate.exceptions(file: file, image: "other") == [])
        #expect(try ScanGate.exceptions(file: file, image: "unknown") == [])
    }
}
