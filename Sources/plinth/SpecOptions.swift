import ArgumentParser
import Foundation
import PlinthLoader
import PlinthSpec

/// How output is printed: for people, or as JSON for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The spec path argument shared by commands that read platform.yaml.
struct SpecOptions: ParsableArguments {
    @Argument(help: "Path of the platform spec.", completion: .file(extensions: ["yaml", "yml"]))
    var path: String = "platform.yaml"

    /// Loads the spec, printing diagnostics to standard error; exits 1 when it is invalid.
    func loadOrExit(format: OutputFormat) throws -> (PlatformSpec, LoadResult) {
        let result = SpecLoader().load(path: path)
        if let spec = result.spec {
            if !result.diagnostics.isEmpty, format == .text {
                Terminal.standardError(formatter.text(result.diagnostics))
            }
            return (spec, result)
        }
        switch format {
        case .text: Terminal.standardError(formatter.text(result.diagnostics) + "\n" + summaryLine(result))
        case .json: print(formatter.json(result.diagnostics, file: path).rendered(), terminator: "")
        }
        throw ExitCode.failure
    }

    var formatter: DiagnosticFormatter {
        let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return DiagnosticFormatter(sources: [path: source], useColor: Terminal.standardErrorIsTerminal)
    }

    func summaryLine(_ result: LoadResult) -> String {
        let errors = result.errors.count, warnings = result.diagnostics.count - errors
        return "\(path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

enum Terminal {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
