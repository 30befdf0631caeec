import ArgumentParser
import Foundation
import PlinthPreview
import PlinthProvisioning
import PlinthSpec

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Per-branch preview environments: lease a range of the preview pool, apply, list, extend, destroy, reap.",
        discussion: """
            Leases live in the lease table (the preview-leases stack); each holds one range of \
            network.addressPlan.previewPool for one branch. Every change of a lease is a conditional write, \
            so concurrent runs (CI jobs, people, reapers) never share a range or act twice on a preview. \
            With --local they work on the emulator; without it, on the dev account with the environment's AWS \
            credentials and AWS_WEB_IDENTITY_TOKEN_FILE, as the preview workflows run them.
            """,
        subcommands: [
            PreviewUpCommand.self, PreviewDownCommand.self, PreviewListCommand.self, PreviewExtendCommand.self,
            PreviewReapCommand.self, PreviewLeaseCommand.self,
        ]
    )
}

/// Options every `preview` subcommand shares.
struct PreviewOptions: ParsableArguments {
    @Flag(help: "Use the local AWS emulator (moto on 127.0.0.1) instead of the real accounts.")
    var local = false

    @Option(help: "Emulator URL to use instead of the one `plinth up --local` started (with --local).")
    var endpoint: String?

    @Option(help: .hidden) var leaseTable: String?

    @OptionGroup var spec: SpecOptions

    func validate() throws {
        try TargetOptions.checkEndpoint(endpoint, local: local)
    }

    /// The previews of the spec; exits with the reason when the spec has none enabled.
    func previews() throws -> Previews {
        let (platform, _) = try spec.loadOrExit(format: .text)
        let root = URL(fileURLWithPath: spec.path).standardizedFileURL.deletingLastPathComponent()
        let environment = ProcessInfo.processInfo.environment
        let target: any StackTarget =
            local
            ? EmulatorTarget(
                platform: LocalPlatform(spec: platform, repositoryRoot: root, environment: environment, unlockStaleLocks: true),
                endpoint: endpoint)
            : AccountPlatform(spec: platform, repositoryRoot: root, environment: environment)
        do {
            return try Previews(target: target, leaseTable: leaseTable)
        } catch {
            Terminal.standardError("plinth preview: \(error)")
            throw ExitCode.failure
        }
    }

    /// Runs `body`, printing a failure as one clear line and exiting 1.
    func run<T>(_ command: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            Terminal.standardError("plinth preview \(command): \(error)")
            throw ExitCode.failure
        }
    }

    var progress: @Sendable (ProvisionEvent) -> Void { ProgressPrinter.handler(format: .json) }
}

/// The requester recorded on a lease: the CI actor, else the user.
private func requester() -> String {
    let environment = ProcessInfo.processInfo.environment
    return environment["GITHUB_ACTOR"].map { "github:\($0)" } ?? environment["USER"] ?? "unknown"
}

/// An ISO 8601 time argument.
struct ISOTime: ExpressibleByArgument {
    var date: Date
    init?(argument: String) {
        guard let date = ISO8601DateFormatter().date(from: argument) else { return nil }
        self.date = date
    }
}

struct PreviewUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Lease a range for the branch (or keep the one it holds), apply its stacks, print its URL and expiry.")

    @OptionGroup var options: PreviewOptions
    @Option(help: "The branch.") var branch: String
    @Option(help: "Its pull request number.") var pr: Int?
    @Option(help: "The commit being previewed.") var commit: String?

    func run() async throws {
        let previews = try options.previews()
        let ttl = TimeInterval(previews.previews.ttlHours) * 3600
        let report = try await options.run("up") {
            try await previews.up(
                PreviewLeaseRequest(branch: branch, pullRequest: pr, commit: commit, requester: requester(), ttl: ttl), now: Date(),
                progress: options.progress)
        }
        print("\(report.isNew ? "created" : "updated") preview of \(branch) in \(String(format: "%.1f", report.seconds))s")
        print("url:     \(report.url)")
        print("cidr:    \(report.lease.cidr)")
        print("expires: \(PreviewListing.timestamp(report.lease.expires))")
    }
}

struct PreviewDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Destroy the branch's preview in reverse graph order and release its lease.")

    @OptionGroup var options: PreviewOptions
    @Option(help: "The branch.") var branch: String

    func run() async throws {
        let previews = try options.previews()
        let report = try await options.run("down") { try await previews.down(branch: branch, now: Date(), progress: options.progress) }
        print("destroyed preview of \(branch) (\(report.lease.cidr) released) in \(String(format: "%.1f", report.seconds))s")
    }
}

struct PreviewListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every preview: branch, slug, CIDR, state, age, expiry, owner.")

    @OptionGroup var options: PreviewOptions
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func run() async throws {
        let previews = try options.previews()
        let leases = try await options.run("list") { try await previews.list() }
        switch format {
        case .text: print(PreviewListing.text(leases, now: Date()), terminator: "")
        case .json: print(try PreviewListing.json(leases), terminator: "")
        }
    }
}

struct PreviewExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend", abstract: "Set the preview's expiry to H hours from now (at most the spec's maxTtlHours).")

    @OptionGroup var options: PreviewOptions
    @Option(help: "The branch.") var branch: String
    @Option(help: "Hours from now.") var hours: Int

    func run() async throws {
        let previews = try options.previews()
        let lease = try await options.run("extend") {
            try await previews.extend(branch: branch, hours: hours, now: Date(), progress: options.progress)
        }
        print("preview of \(branch) now expires \(PreviewListing.timestamp(lease.expires))")
    }
}

struct PreviewReapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reap",
        abstract: "Destroy expired previews, those whose pull request is closed, half-done destroys and failed applies.")

    @OptionGroup var options: PreviewOptions
    @Option(help: "A JSON array of the open pull request numbers; previews of any other PR are destroyed.") var openPrs: String?
    @Option(help: "The time to judge expiry by (ISO 8601), for tests and dry runs.") var now: ISOTime?

    func run() async throws {
        let previews = try options.previews()
        var open: Set<Int>?
        if let openPrs {
            do {
                open = Set(try JSONDecoder().decode([Int].self, from: Data(contentsOf: URL(fileURLWithPath: openPrs))))
            } catch {
                Terminal.standardError("plinth preview reap: \(openPrs) is not a JSON array of pull request numbers: \(error)")
                throw ExitCode.failure
            }
        }
        let outcomes = try await options.run("reap") {
            try await previews.reap(openPullRequests: open, now: now?.date ?? Date(), progress: options.progress)
        }
        for outcome in outcomes {
            let what = "\(outcome.lease.branch) (\(outcome.lease.slug), \(outcome.lease.cidr)), \(outcome.reason.rawValue)"
            print(outcome.error.map { "not reaped: \(what): \($0)" } ?? "reaped \(what)")
        }
        print("\(outcomes.filter { $0.error == nil }.count) reaped, \(outcomes.filter { $0.error != nil }.count) failed")
        if outcomes.contains(where: { $0.error != nil }) { throw ExitCode.failure }
    }
}

/// Takes only the lease (no stacks) and prints it as JSON; for the concurrency test and the benchmark.
struct PreviewLeaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lease", shouldDisplay: false)

    @OptionGroup var options: PreviewOptions
    @Option(help: "The branch.") var branch: String
    @Option(help: "Seconds to wait after leasing before exiting (a requester killed mid-way).") var hold: Double = 0

    func run() async throws {
        let previews = try options.previews()
        let ttl = TimeInterval(previews.previews.ttlHours) * 3600
        let acquisition = try await options.run("lease") {
            try await previews.lease(PreviewLeaseRequest(branch: branch, requester: requester(), ttl: ttl), now: Date())
        }
        // Unbuffered: a requester killed while holding must already have said what it got.
        FileHandle.standardOutput.write(Data(try PreviewListing.json([acquisition.lease]).utf8))
        if hold > 0 { try await Task.sleep(for: .seconds(hold)) }
    }
}
