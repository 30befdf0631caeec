import ArgumentParser
import Foundation
import PlinthProvisioning

/// `plinth emulator`: the local AWS emulator on its own, for scripts and for a look inside with
/// the AWS CLI; `up --local` and `down --local` find the one started here.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Start or stop the local AWS emulator that `plinth up --local` uses.",
        discussion: """
            The emulator is moto on 127.0.0.1, started with corrections to what moto 5.2 reads back \
            (listed by `up`), so that a second `up` changes nothing. It is recorded in \
            <root>/.plinth/local/emulator.json, where `up --local` and `down --local` find it; `down --local` \
            stops it when it is done. Its moto is moto \(EmulatorPython.motoVersion) from python3 on PATH, or else \
            plinth's own (see `plinth tools install`), installed on the first start.
            """,
        subcommands: [EmulatorStartCommand.self, EmulatorStopCommand.self]
    )
}

/// Where the emulator's record, certificate and log are kept: the same place `up` uses.
struct EmulatorLocation: ParsableArguments {
    @Option(help: "Repository whose .plinth/local keeps the emulator's record, certificate and log.")
    var root: String = "."

    var stateDirectory: URL {
        LocalPlatform.localDirectory(in: URL(fileURLWithPath: root).standardizedFileURL)
    }
}

struct EmulatorStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the emulator (or report the one already running) and print its endpoint.",
        discussion: "Prints the endpoint, the PID to stop it by and the certificate to trust (AWS_CA_BUNDLE).")

    @OptionGroup var location: EmulatorLocation
    @Option(help: "Port on 127.0.0.1; 0 picks a free one.") var port: Int = LocalEmulator.defaultPort
    @Flag(help: "Serve plain HTTP instead of HTTPS (clients then skip the TLS path they take against AWS).")
    var plainHTTP = false
    @Option(help: "Output format: text for people, json for tools.") var format: OutputFormat = .text

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        do {
            let printer = ProgressPrinter.handler(format: format)
            let (session, reused) = try await LocalEmulator.startOrReuse(
                stateDirectory: location.stateDirectory, environment: ProcessInfo.processInfo.environment,
                port: port, tls: !plainHTTP, progress: { printer(.note($0.description)) })
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(session), as: UTF8.self))
            case .text:
                print("\(reused ? "already running" : "started"): \(session.endpoint) (pid \(session.pid ?? 0))")
                if let bundle = session.caBundle { print("certificate:     \(bundle)  (export AWS_CA_BUNDLE=\(bundle))") }
                print("corrections:     \(session.appliedCorrections.count) moto 5.2 read-back defects")
                print("stop it with `plinth emulator stop` or `plinth down --local`")
            }
        } catch {
            Terminal.standardError("plinth emulator start: \(error)")
            throw ExitCode.failure
        }
    }
}

struct EmulatorStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the emulator plinth started (by its PID); any other emulator is left alone.")

    @OptionGroup var location: EmulatorLocation

    func run() async throws {
        if let session = LocalEmulator.stopRecorded(
            stateDirectory: location.stateDirectory, environment: ProcessInfo.processInfo.environment)
        {
            print("stopped the emulator at \(session.endpoint) (pid \(session.pid ?? 0))")
        } else {
            print("no emulator started by plinth is recorded in \(location.stateDirectory.path): nothing to stop")
        }
    }
}
