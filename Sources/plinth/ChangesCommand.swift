import ArgumentParser
import Foundation
import PlinthAWS
import PlinthDelivery
import PlinthProvisioning

struct ChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Read the change-management log back: one record per stack `plinth apply` attempted.",
        discussion: """
            Reads the records in the change-log bucket (platform.yaml pipelines.changeLog), oldest first: change id, \
            repository, commit, pull request, approver, plan fingerprint, stack, account, role, start and end, result \
            and resources changed. --since keeps records started on or after a day (YYYY-MM-DD) or an ISO 8601 time.

            Examples:
              plinth changes --local
              plinth changes --local --since 2026-12-01 --stack env/prod/us-east-1/observability --format json
              plinth changes --stack env/prod/us-east-1/observability   (on AWS, with the job's credentials)
            """
    )

    @OptionGroup var spec: SpecOptions
    @Flag(help: "Read the log on the local AWS emulator; without it, on AWS with the environment's credentials.") var local = false
    @Option(help: "Emulator URL to use instead of finding or starting one (with --local).") var endpoint: String?
    @Option(help: ArgumentHelp("Only records started on or after this day or time (UTC).", valueName: "date")) var since: String?
    @Option(name: .customLong("stack"), help: "Only records of this stack id (repeatable).") var stacks: [String] = []
    @Option(help: "Output format: an aligned table (text) or json.") var format: OutputFormat = .text

    func validate() throws {
        try TargetOptions.checkEndpoint(endpoint, local: local)
        if let since, Self.date(since) == nil {
            throw ValidationError("--since '\(since)' is not a day (YYYY-MM-DD) or an ISO 8601 time (2026-12-07T10:00:00Z)")
        }
    }

    static func date(_ text: String) -> Date? {
        if let time = ISO8601DateFormatter().date(from: text) { return time }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let root = URL(fileURLWithPath: spec.path).standardizedFileURL.deletingLastPathComponent()
        let environment = ProcessInfo.processInfo.environment
        let target: any StackTarget =
            local
            ? EmulatorTarget(platform: LocalPlatform(spec: platform, repositoryRoot: root, environment: environment), endpoint: endpoint)
            : AccountPlatform(spec: platform, repositoryRoot: root, environment: environment)
        let bucket = platform.pipelines.changeLog.bucket
        do {
            let records = try await target.withClient(
                region: platform.regions.primary.rawValue, progress: ProgressPrinter.handler(format: .json)
            ) { aws in
                try await ChangeLog(store: S3ChangeLogStore(s3: S3Client(client: aws), bucket: bucket))
                    .records(since: since.flatMap(Self.date), stacks: stacks)
            }
            let report = ChangeReport(records: records)
            print(format == .json ? try report.json() : report.table(), terminator: "")
        } catch {
            Terminal.standardError("plinth changes\(local ? " --local" : ""): \(error)")
            throw ExitCode.failure
        }
    }
}
