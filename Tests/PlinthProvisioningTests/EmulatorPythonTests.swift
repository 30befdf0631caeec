import Foundation
import Testing

@testable import PlinthProvisioning

/// The emulator on a machine with no moto: the first start installs plinth's tools from PyPI into
/// a scratch cache directory and runs the emulator from them; a second run reuses them without
/// installing; a moto of another version found through PATH is not used. One test, so the one
/// real install (a minute or two) serves every step.
@Suite(.serialized) struct EmulatorPythonTests {
    @Test func theFirstStartInstallsTheToolsTheNextReusesThemAndAnotherMotoIsNotUsed() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-emulator-tools-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = nil
        environment["PATH"] = Self.pathWithoutMoto(environment)
        environment["PLINTH_TOOLS_DIR"] = work.appendingPathComponent("cache").path
        try #require(EmulatorPython.onPath(environment: environment) == nil, "a moto is still found through PATH")

        // 1. No moto anywhere: the start installs the pinned one, and the emulator runs from it.
        let first = ToolEvents()
        let started = try await LocalEmulator.startOrReuse(
            stateDirectory: work.appendingPathComponent("state"), environment: environment, port: 0, tls: false,
            progress: first.add)
        let emulator = LocalEmulator(stateDirectory: work.appendingPathComponent("state"), environment: environment)
        defer { emulator.stop(started.session) }
        #expect(!started.reused)
        #expect(started.session.appliedCorrections == EmulatorCorrections.all)
        let installing = first.list.compactMap { if case .installing(let directory, let pins) = $0 { (directory, pins) } else { nil } }
        let directory = try #require(installing.first?.0, "no install reported: \(first.list)")
        #expect(installing.first?.1 == EmulatorPython.tools.requirements)
        #expect(directory.hasPrefix(work.appendingPathComponent("cache").path + "/python3."))
        #expect(directory.hasSuffix("-moto-\(EmulatorPython.motoVersion)"))
        #expect(first.list.contains { if case .installerProgress(let line) = $0 { line.hasPrefix("Collecting moto") } else { false } })
        #expect(first.list.contains { if case .installed = $0 { true } else { false } })
        let command = try String(contentsOfFile: "/proc/\(started.session.pid ?? 0)/cmdline", encoding: .utf8)
        #expect(command.hasPrefix(directory + "/bin/python\0"), "the emulator does not run from the tools: \(command)")
        emulator.stop(started.session)
        #expect(kill(started.session.pid ?? 0, 0) != 0, "the emulator process is still running")

        // 2. The next run uses it at once: no install, the marker untouched.
        let marker = PythonToolEnvironment.marker(in: URL(fileURLWithPath: directory))
        let before = try FileManager.default.attributesOfItem(atPath: marker.path)
        let second = ToolEvents()
        let python = try await EmulatorPython.resolve(environment: environment, progress: second.add)
        #expect(second.list == [.reusing(directory: directory)])
        #expect(python.toolsDirectory?.path == directory)
        #expect(python.motoVersion == EmulatorPython.motoVersion)
        let after = try FileManager.default.attributesOfItem(atPath: marker.path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)

        // 3. A moto 4.0.0 through PATH (on PYTHONPATH of python3) is named and passed over: the
        // emulator runs the pinned moto, with its corrections.
        let other = work.appendingPathComponent("other-moto/moto")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("__version__ = \"4.0.0\"\n".utf8).write(to: other.appendingPathComponent("__init__.py"))
        try Data("".utf8).write(to: other.appendingPathComponent("server.py"))
        var withOther = environment
        withOther["PYTHONPATH"] = other.deletingLastPathComponent().path
        let found = try #require(EmulatorPython.onPath(environment: withOther))
        #expect(found.motoVersion == "4.0.0")
        let third = ToolEvents()
        let again = try await LocalEmulator(stateDirectory: work.appendingPathComponent("state-2"), environment: withOther)
            .start(port: try LoopbackSocket.freePort(), tls: false, progress: third.add)
        LocalEmulator(stateDirectory: work.appendingPathComponent("state-2"), environment: withOther).stop(again)
        #expect(
            third.list == [
                .ignoredOnPath(interpreter: found.interpreter.path, version: "4.0.0", pinned: EmulatorPython.motoVersion),
                .reusing(directory: directory),
            ])
        #expect(again.appliedCorrections == EmulatorCorrections.all)
    }

    /// PATH without the folders whose python3 imports moto or that hold moto_server (pyenv's shims).
    static func pathWithoutMoto(_ environment: [String: String]) -> String {
        (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init).filter { folder in
            if FileManager.default.fileExists(atPath: folder + "/moto_server") { return false }
            var probe = environment
            probe["PATH"] = folder
            return EmulatorPython.onPath(environment: probe) == nil
        }.joined(separator: ":")
    }
}
