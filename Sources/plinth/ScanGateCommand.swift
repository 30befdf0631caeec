import ArgumentParser
import Foundation
import PlinthPipelines
import PlinthSpec

struct ScanGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-gate",
        abstract: "Fail on any critical or high ECR scan finding without an unexpired recorded exception.",
        discussion: """
            Reads `aws ecr describe-image-scan-findings --output json` (basic or enhanced scanning) and the \
            exceptions file the render writes for the repository (.github/scan-exceptions.json, from \
            platform.yaml pipelines.containerRepositories[].scanExceptions). An exception applies through \
            its expires day; after it, the finding blocks again. An incomplete scan, or severity counts the \
            finding list does not account for, also fail.

            Exit status: 0 when the image may be used, 1 when it may not.

            Example:
              plinth scan-gate --findings findings.json --exceptions .github/scan-exceptions.json --image policy-service
            """
    )

    @Option(help: ArgumentHelp("describe-image-scan-findings output.", valueName: "file")) var findings: String
    @Option(help: ArgumentHelp("Rendered exceptions file (image name -> exceptions).", valueName: "file")) var exceptions: String
    @Option(help: "ECR repository name the findings belong to.") var image: String
    @Option(help: ArgumentHelp("Judge expiry as of this day (YYYY-MM-DD); default today in UTC.", valueName: "day")) var today: String?

    func validate() throws {
        if let today, !CalendarDay.isValid(today) { throw ValidationError("--today '\(today)' is not a YYYY-MM-DD day") }
    }

    func run() throws {
        do {
            let scan = try ScanGate.scan(describeImageScanFindings: Data(contentsOf: URL(fileURLWithPath: findings)))
            let recorded = try ScanGate.exceptions(file: Data(contentsOf: URL(fileURLWithPath: exceptions)), image: image)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let gate = ScanGate(exceptions: recorded, today: today ?? formatter.string(from: Date()))
            let verdict = gate.evaluate(scan)
            print(gate.report(verdict), terminator: "")
            if !verdict.passed { throw ExitCode.failure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.standardError("plinth scan-gate: \(error)")
            throw ExitCode.failure
        }
    }
}
