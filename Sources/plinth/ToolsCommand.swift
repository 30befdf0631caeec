import ArgumentParser
import Foundation
import PlinthProvisioning

/// `plinth tools`: the tools plinth installs itself, set up ahead of time (by
/// scripts/install-test-deps, or on a machine about to go offline) rather than on the first start.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Set up the tools plinth installs itself (the emulator's moto).",
        subcommands: [ToolsInstallCommand.self]
    )
}

struct ToolsInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Make the emulator's moto ready, as `emulator start` and `up --local` would, and print where it is.",
        discussion: """
            moto \(EmulatorPython.motoVersion) of python3 on PATH is used when it is there. Otherwise plinth installs \
            \(EmulatorPython.tools.requirements.joined(separator: " and ")) into its own Python environment under \
            $PLINTH_TOOLS_DIR (default: $XDG_CACHE_HOME/plinth/tools, else ~/.cache/plinth/tools), shared by every \
            checkout; later runs reuse it at once. pip's own settings (PIP_INDEX_URL, proxies) apply.
            """)

    func run() async throws {
        let printer = ProgressPrinter.handler(format: .text)
        do {
            let python = try await EmulatorPython.resolve(
                environment: ProcessInfo.processInfo.environment, progress: { printer(.note($0.description)) })
            let source = python.toolsDirectory.map { "plinth's tools in \($0.path)" } ?? "python3 on PATH"
            print("moto \(python.motoVersion): \(python.interpreter.path) (\(source))")
        } catch {
            Terminal.standardError("plinth tools install: \(error)")
            throw ExitCode.failure
        }
    }
}
