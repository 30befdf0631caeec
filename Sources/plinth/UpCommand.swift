import ArgumentParser
import Foundation
import PlinthProvisioning
import PlinthSpec

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Bring the whole platform up on a local AWS emulator with Terraform.",
        discussion: """
            Starts moto on 127.0.0.1 (as `plinth emulator start` does) unless an emulator already answers \
            there (or --endpoint names one), renders the local target into .plinth/local/infrastructure, applies its AWS stacks in \
            graph order (the state-backend stack first with local state, then migrated into the bucket it \
            created), and ends with what the AWS APIs report. A second run changes nothing on the emulator plinth \
            starts, which corrects what moto 5.2 reads back differently from AWS (the summary lists it). Logs per stack \
            are in .plinth/local/logs. The emulator plinth started keeps running for `plinth down --local`. \
            When python3 on PATH has no moto \(EmulatorPython.motoVersion), the first run installs it into plinth's own \
            environment in the user's cache (see `plinth tools install`); later runs reuse it.
            """
    )

    @OptionGroup var options: LocalOptions
    @OptionGroup var spec: SpecOptions
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: format)
        let local = options.localPlatform(platform, specPath: spec.path)
        do {
            let report = try await local.up(endpoint: options.endpoint, progress: ProgressPrinter.handler(format: format))
            switch format {
            case .text: print(report.text(), terminator: "")
            case .json: print(report.json(), terminator: "")
            }
        } catch {
            Terminal.standardError("plinth up --local: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Options `up` and `down` share for the local target.
struct LocalOptions: ParsableArguments {
    @Flag(help: "Use the local AWS emulator (moto on 127.0.0.1); the only target these commands drive.")
    var local = false

    @Option(help: "Emulator URL to use instead of finding or starting one (e.g. http://127.0.0.1:5000).")
    var endpoint: String?

    @Flag(help: "Free a Terraform state lock left by an earlier run that was killed, instead of stopping with the unlock command.")
    var unlockStaleLocks = false

    @Option(name: .customLong("stack"), help: "Only this stack id and what it depends on (repeatable).")
    var stacks: [String] = []

    @Option(help: "How many independent stacks to work on at once (they mostly wait on the emulator).")
    var parallelism: Int = Provisioner.defaultParallelism

    /// The platform `up` or `down` drives: the repository is the spec's directory.
    func localPlatform(_ spec: PlatformSpec, specPath: String) -> LocalPlatform {
        let root = URL(fileURLWithPath: specPath).standardizedFileURL.deletingLastPathComponent()
        return LocalPlatform(
            spec: spec, repositoryRoot: root, environment: ProcessInfo.processInfo.environment,
            unlockStaleLocks: unlockStaleLocks, selection: StackSelection(requested: stacks),
            parallelism: parallelism)
    }

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
        guard local else {
            throw ValidationError("only --local is supported: real accounts are changed by the pipelines, not from a laptop")
        }
    }
}

/// Prints provisioning progress: one line when a stack starts, one when it ends. Text goes to
/// standard output for people; with --format json it goes to standard error so stdout stays JSON.
enum ProgressPrinter {
    static func handler(format: OutputFormat) -> @Sendable (ProvisionEvent) -> Void {
        { event in
            let line: String?
            switch event {
            case .note(let text):
                line = "  \(text)"
            case .stackStarted(let stack, let action, let index, let total):
                line = "[\(index)/\(total)] \(stack): \(action == .apply ? "applying" : "destroying")"
            case .stackStep:
                line = nil
            case .stackFinished(let outcome):
                let time = String(format: "%.1fs", outcome.seconds)
                let counts = "+\(outcome.counts.added) ~\(outcome.counts.changed) -\(outcome.counts.destroyed)"
                line =
                    "      \(outcome.stack): \(outcome.result.rawValue) in \(time) (\(counts))"
                    + (outcome.result == .failed ? "; log \(outcome.log)" : "")
            }
            guard let line else { return }
            if format == .json {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            } else {
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
    }
}
