import Foundation
import Testing

@testable import PlinthProvisioning

/// The tools environment's failures and recoveries, offline: a tiny wheel made here stands in for
/// moto, so each case runs in seconds (the real install from PyPI is in `EmulatorPythonTests`).
@Suite struct PythonToolEnvironmentTests {
    static let fake = PythonToolEnvironment.Contents(
        name: "plinthfake-1.0", requirements: ["plinthfake==1.0"], imports: ["plinthfake"])

    @Test func anUnreachableIndexIsOneClearMessageAndTheNextRunInstalls() async throws {
        let scratch = try await ToolScratch.make()
        defer { scratch.remove() }
        let unreachable = PythonToolEnvironment(contents: Self.fake, environment: scratch.unreachableIndex)
        let events = ToolEvents()
        do {
            _ = try await unreachable.ensure(progress: events.add)
            Issue.record("installed with no index to install from")
        } catch let error as ProvisioningError {
            guard case .toolInstallFailed(let directory, _, let log) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            let message = error.description
            #expect(message.contains("the package index http://127.0.0.1:9/simple could not be reached"), "\(message)")
            #expect(message.contains("Nothing half-made is kept"))
            #expect(!FileManager.default.fileExists(atPath: directory), "the failed install left \(directory) behind")
            #expect(FileManager.default.fileExists(atPath: log))
        }
        #expect(events.list.contains { if case .installerProgress(let line) = $0 { line.hasPrefix("WARNING: Retrying") } else { false } })

        // The index answers again (here: the wheel folder): the next run installs without help.
        let ready = try await PythonToolEnvironment(contents: Self.fake, environment: scratch.offline).ensure { _ in }
        #expect(ready.installedNow)
        #expect(ready.directory.deletingLastPathComponent().path == scratch.tools.path)
        #expect(
            ProcessRunner.answer(
                of: ready.interpreter, ["-c", "import plinthfake; print(plinthfake.__version__)"],
                environment: scratch.offline) == "1.0\n")
    }

    @Test func aKilledInstallIsRebuiltWithoutHelp() async throws {
        let scratch = try await ToolScratch.make()
        defer { scratch.remove() }
        let tools = PythonToolEnvironment(contents: Self.fake, environment: scratch.offline)
        // What a killed install leaves: the venv begun, no marker.
        let directory = tools.directory(for: try tools.basePython())
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("bin/python").path, withDestinationPath: "/nonexistent/python3")

        let events = ToolEvents()
        let ready = try await tools.ensure(progress: events.add)
        #expect(ready.installedNow)
        #expect(
            events.list.contains(
                .discarding(
                    directory: directory.path, reason: "it has no marker of a finished install: an install that did not finish")))
        #expect(tools.importsWork(ready.interpreter))
    }

    @Test func aSecondRunReusesAndOneWhosePythonBrokeIsRebuilt() async throws {
        let scratch = try await ToolScratch.make()
        defer { scratch.remove() }
        let tools = PythonToolEnvironment(contents: Self.fake, environment: scratch.offline)
        let first = try await tools.ensure { _ in }
        #expect(first.installedNow)
        let marker = PythonToolEnvironment.marker(in: first.directory)
        let before = try FileManager.default.attributesOfItem(atPath: marker.path)

        let events = ToolEvents()
        let second = try await tools.ensure(progress: events.add)
        #expect(!second.installedNow)
        #expect(events.list == [.reusing(directory: first.directory.path)])
        let after = try FileManager.default.attributesOfItem(atPath: marker.path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)

        // The Python it was made from went away (an upgrade): the marker is there, the Python does not run.
        try FileManager.default.removeItem(at: first.interpreter)
        try FileManager.default.createSymbolicLink(atPath: first.interpreter.path, withDestinationPath: "/nonexistent/python3")
        let rebuilt = ToolEvents()
        let third = try await tools.ensure(progress: rebuilt.add)
        #expect(third.installedNow)
        #expect(
            rebuilt.list.contains(
                .discarding(
                    directory: first.directory.path, reason: "its Python does not run or cannot import plinthfake")))
        #expect(tools.importsWork(third.interpreter))
    }

    @Test func twoRunsAtOnceInstallOnce() async throws {
        let scratch = try await ToolScratch.make()
        defer { scratch.remove() }
        let tools = PythonToolEnvironment(contents: Self.fake, environment: scratch.offline)
        let results = try await withThrowingTaskGroup(of: PythonToolEnvironment.Ready.self) { group in
            for _ in 0..<2 { group.addTask { try await tools.ensure { _ in } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.installedNow).count == 1)
        #expect(Set(results.map(\.directory)).count == 1)
    }

    @Test func aMissingOrOldPythonIsOneMessageSayingWhatWorks() async throws {
        let scratch = try await ToolScratch.make()
        defer { scratch.remove() }
        var environment = scratch.offline
        environment["PATH"] = scratch.root.appendingPathComponent("empty").path
        let none = PythonToolEnvironment(contents: Self.fake, environment: environment)
        await #expect(throws: ProvisioningError.toolMissing(.python, problem: nil)) { _ = try await none.ensure { _ in } }

        let bin = scratch.root.appendingPathComponent("old-python")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("python3")
        try Data("#!/bin/sh\necho \(fake.path)\necho 3.8.10\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        environment["PATH"] = bin.path
        let old = PythonToolEnvironment(contents: Self.fake, environment: environment)
        let error = ProvisioningError.toolMissing(.python, problem: "python3 at \(fake.path) is Python 3.8.10, too old")
        await #expect(throws: error) { _ = try await old.ensure { _ in } }
        #expect(error.description.hasPrefix("python3 at \(fake.path) is Python 3.8.10, too old: plinth needs Python 3.10 or later"))
    }

    @Test func theCacheDirectoryFollowsTheVariablesAndIndexCredentialsAreNotShown() {
        #expect(PythonToolEnvironment.defaultRoot(environment: ["PLINTH_TOOLS_DIR": "/x/tools", "HOME": "/h"]).path == "/x/tools")
        #expect(PythonToolEnvironment.defaultRoot(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]).path == "/c/plinth/tools")
        #expect(
            PythonToolEnvironment.defaultRoot(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]).path == "/h/.cache/plinth/tools")
        #expect(
            PythonToolEnvironment.packageIndex(["PIP_INDEX_URL": "https://me:s3cret@mirror.example/simple"])
                == "https://mirror.example/simple")
        #expect(PythonToolEnvironment.packageIndex([:]) == "https://pypi.org/simple")
    }
}

/// A scratch tools directory, and a folder with the wheel of a tiny package pip installs offline.
struct ToolScratch {
    var root: URL
    var tools: URL { root.appendingPathComponent("tools") }
    var wheels: URL { root.appendingPathComponent("wheels") }

    static func make() async throws -> ToolScratch {
        let scratch = ToolScratch(root: FileManager.default.temporaryDirectory.appendingPathComponent("plinth-tools-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: scratch.wheels, withIntermediateDirectories: true)
        let script = """
            import sys, zipfile
            files = {
                "plinthfake/__init__.py": "__version__ = '1.0'\\n",
                "plinthfake-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: plinthfake\\nVersion: 1.0\\n",
                "plinthfake-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: plinth-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
            }
            files["plinthfake-1.0.dist-info/RECORD"] = "".join(name + ",,\\n" for name in [*files, "plinthfake-1.0.dist-info/RECORD"])
            with zipfile.ZipFile(sys.argv[1] + "/plinthfake-1.0-py3-none-any.whl", "w") as wheel:
                for name, text in files.items():
                    wheel.writestr(name, text)
            """
        let made = try await ProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, scratch.wheels.path],
            directory: scratch.root, environment: ProcessInfo.processInfo.environment, log: nil)
        try #require(made.succeeded, "\(made.output)")
        return scratch
    }

    /// pip reads no configuration file and no index: only the wheel folder.
    var offline: [String: String] {
        var environment = base
        environment["PIP_NO_INDEX"] = "1"
        environment["PIP_FIND_LINKS"] = wheels.path
        return environment
    }

    /// pip's index is a loopback port nothing listens on, with one quick retry.
    var unreachableIndex: [String: String] {
        var environment = base
        environment["PIP_INDEX_URL"] = "http://127.0.0.1:9/simple"
        environment["PIP_FIND_LINKS"] = root.appendingPathComponent("no-wheels").path
        environment["PIP_RETRIES"] = "1"
        environment["PIP_TIMEOUT"] = "2"
        return environment
    }

    private var base: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PLINTH_TOOLS_DIR"] = tools.path
        environment["PIP_CONFIG_FILE"] = "/dev/null"
        for key in ["PIP_NO_INDEX", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS"] { environment[key] = nil }
        return environment
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The setup events a run reported, in order.
final class ToolEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ToolSetupEvent] = []

    var add: @Sendable (ToolSetupEvent) -> Void { { event in self.lock.withLock { self.events.append(event) } } }
    var list: [ToolSetupEvent] { lock.withLock { events } }
}
