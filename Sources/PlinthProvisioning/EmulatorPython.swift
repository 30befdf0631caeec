import Foundation

/// The Python that runs the emulator, and its moto: `python3` on PATH when the moto it imports is
/// the pinned version, else plinth's own tools environment (`PythonToolEnvironment`), installed on
/// first use. A moto of another version is never used, because the `EmulatorCorrections` wrap
/// functions of the pinned one and without them a second `up` is not a no-op; the setup says so.
///
/// These pins are the only ones: `scripts/install-test-deps` runs `plinth tools install`, so the
/// tests and the main command always resolve to the same moto.
public struct EmulatorPython: Sendable, Equatable {
    public static let motoVersion = "5.2.1"
    /// What plinth's tools environment holds: moto's server, and flask-cors, which its server
    /// imports (an extra of moto[server], pinned here as well).
    public static let tools = PythonToolEnvironment.Contents(
        name: "moto-\(motoVersion)",
        requirements: ["moto[server]==\(motoVersion)", "flask-cors==6.0.2"],
        imports: ["moto", "moto.server", "flask_cors"])

    /// Run directly (not through a shim), so the emulator's PID is the server's.
    public var interpreter: URL
    public var motoVersion: String
    /// The tools environment it belongs to; nil for the Python found on PATH.
    public var toolsDirectory: URL?

    /// The environment the emulator runs with: the tools environment's Python ignores
    /// PYTHONPATH, which could put another moto ahead of its own.
    func processEnvironment(_ base: [String: String]) -> [String: String] {
        toolsDirectory == nil ? base : PythonToolEnvironment.isolated(base)
    }

    /// The pinned moto on PATH, else the tools environment (set up when needed).
    public static func resolve(
        environment: [String: String], progress: @escaping @Sendable (ToolSetupEvent) -> Void
    ) async throws -> EmulatorPython {
        if let found = onPath(environment: environment) {
            if found.motoVersion == motoVersion {
                progress(.usingPath(interpreter: found.interpreter.path, version: found.motoVersion))
                return found
            }
            progress(.ignoredOnPath(interpreter: found.interpreter.path, version: found.motoVersion, pinned: motoVersion))
        }
        let ready = try await PythonToolEnvironment(contents: tools, environment: environment).ensure(progress: progress)
        return EmulatorPython(interpreter: ready.interpreter, motoVersion: motoVersion, toolsDirectory: ready.directory)
    }

    /// The interpreter `python3` on PATH runs (resolved past any shim) and the moto it imports;
    /// nil when there is none or moto's server does not import.
    static func onPath(environment: [String: String]) -> EmulatorPython? {
        guard let python = TerraformEnvironment.findExecutable("python3", path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"),
            let answer = ProcessRunner.answer(
                of: python, ["-c", "import sys, moto, moto.server; print(sys.executable); print(moto.__version__)"],
                environment: environment)
        else { return nil }
        let lines = answer.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2, FileManager.default.isExecutableFile(atPath: lines[0]) else { return nil }
        return EmulatorPython(interpreter: URL(fileURLWithPath: lines[0]), motoVersion: lines[1], toolsDirectory: nil)
    }
}
