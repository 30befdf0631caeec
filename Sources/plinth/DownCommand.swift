import ArgumentParser
import Foundation
import PlinthProvisioning

struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Destroy what `plinth up --local` built, in reverse graph order.",
        discussion: """
            Destroys every local stack, dependants first, the state-backend stack last (its state is moved \
            back to a local file before the bucket that held it is destroyed). Stops the emulator that \
            `plinth up --local` started unless --keep-emulator is given; an emulator plinth did not start \
            is never stopped. Running it again when nothing is left changes nothing.
            """
    )

    @OptionGroup var options: LocalOptions
    @OptionGroup var spec: SpecOptions
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text
    @Flag(help: "Leave the emulator plinth started running.") var keepEmulator = false

    func run() async throws {
        let (platform, _) = try spec.loadOrExit(format: format)
        let local = options.localPlatform(platform, specPath: spec.path)
        do {
            let report = try await local.down(
                endpoint: options.endpoint, stopEmulator: !keepEmulator, progress: ProgressPrinter.handler(format: format))
            switch format {
            case .text: print(report.text(), terminator: "")
            case .json: print(report.json(), terminator: "")
            }
        } catch {
            Terminal.standardError("plinth down --local: \(error)")
            throw ExitCode.failure
        }
    }
}
