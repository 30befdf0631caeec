import Foundation

/// A private Python virtual environment for the tools plinth installs itself (the emulator's
/// moto), so that the first `plinth up --local` on a fresh machine needs nothing installed before
/// it but Python and Terraform.
///
/// It lives in the user's cache and is shared by every checkout: `$PLINTH_TOOLS_DIR`, else
/// `$XDG_CACHE_HOME/plinth/tools`, else `~/.cache/plinth/tools`, one directory per Python version
/// and set of pins (`python3.11.7-moto-5.2.1`). A directory counts as an environment only once its
/// marker is written, after a complete install; anything else found there (an install that was
/// killed, a Python that no longer runs, other pins) is removed and built again, so no failure
/// needs cleaning up by hand. A lock file beside it keeps two runs from installing at once.
public struct PythonToolEnvironment: Sendable {
    /// What goes into an environment.
    public struct Contents: Sendable, Equatable, Codable {
        /// Names the directory; it changes with the pins, so that plinths with different pins
        /// never share (and rebuild) one directory.
        public var name: String
        /// What pip installs, pinned.
        public var requirements: [String]
        /// Modules that must import for the environment to count as usable.
        public var imports: [String]

        public init(name: String, requirements: [String], imports: [String]) {
            self.name = name
            self.requirements = requirements
            self.imports = imports
        }
    }

    /// An environment ready to run its tools.
    public struct Ready: Sendable, Equatable {
        public var directory: URL
        /// Its Python; run it directly (not through a shim) so its PID is the tool's.
        public var interpreter: URL
        /// Whether this call installed it; false when an earlier run's was used as it was.
        public var installedNow: Bool
    }

    /// The interpreter an environment is made from: `python3` on PATH, resolved past any shim.
    struct BasePython: Sendable, Equatable {
        var executable: URL
        var version: String
    }

    /// Written last, after a complete install: what the environment holds.
    struct Marker: Codable, Equatable {
        var contents: Contents
        var python: String
    }

    /// What is found at an environment's place.
    enum State: Equatable {
        case absent
        case ready(interpreter: URL)
        case unusable(reason: String)
    }

    /// The directory the environments are kept in.
    public var root: URL
    public var contents: Contents
    /// The caller's environment: PATH finds `python3`; pip's own settings (PIP_INDEX_URL, proxies,
    /// certificates) pass through to it.
    public var environment: [String: String]

    public init(contents: Contents, environment: [String: String]) {
        self.contents = contents
        self.environment = environment
        root = Self.defaultRoot(environment: environment)
    }

    /// `$PLINTH_TOOLS_DIR`, else `$XDG_CACHE_HOME/plinth/tools`, else `~/.cache/plinth/tools`.
    public static func defaultRoot(environment: [String: String]) -> URL {
        if let explicit = environment["PLINTH_TOOLS_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit).standardizedFileURL
        }
        // The XDG specification ignores a relative XDG_CACHE_HOME.
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache")
        return cache.appendingPathComponent("plinth/tools")
    }

    /// The environment a tool from here runs with: without PYTHONPATH and PYTHONHOME, which would
    /// put another installation's modules (another moto) ahead of the environment's own.
    public static func isolated(_ environment: [String: String]) -> [String: String] {
        var clean = environment
        clean["PYTHONPATH"] = nil
        clean["PYTHONHOME"] = nil
        return clean
    }

    /// The environment made from `python3` on PATH: an earlier run's when it is complete and
    /// runs, else a new one installed now (under the lock; waiting while another run installs).
    public func ensure(progress: @escaping @Sendable (ToolSetupEvent) -> Void) async throws -> Ready {
        let base = try basePython()
        let directory = self.directory(for: base)
        if case .ready(let interpreter) = state(of: directory, base: base) {
            progress(.reusing(directory: directory.path))
            return Ready(directory: directory, interpreter: interpreter, installedNow: false)
        }
        let lock = sibling(of: directory, extension: "lock")
        do {
            return try await FileLock.withLock(lock, onWait: { progress(.waitingForLock(path: lock.path)) }) {
                switch state(of: directory, base: base) {
                case .ready(let interpreter):
                    progress(.reusing(directory: directory.path))
                    return Ready(directory: directory, interpreter: interpreter, installedNow: false)
                case .unusable(let reason):
                    progress(.discarding(directory: directory.path, reason: reason))
                    try remove(directory)
                case .absent:
                    break
                }
                return try await install(into: directory, base: base, progress: progress)
            }
        } catch let error as ProvisioningError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ProvisioningError.toolInstallFailed(
                directory: directory.path, detail: "cannot lock or write there: \(error)", log: lock.path)
        }
    }

    /// Where the environment made from `base` goes. Always spelled as a directory, so the URL is the
    /// same whether or not the directory exists yet (Foundation otherwise adds the slash only once it
    /// does, and two runs would name one environment two ways).
    func directory(for base: BasePython) -> URL {
        root.appendingPathComponent("python\(base.version)-\(contents.name)", isDirectory: true)
    }

    func sibling(of directory: URL, extension suffix: String) -> URL {
        directory.deletingLastPathComponent().appendingPathComponent("\(directory.lastPathComponent).\(suffix)")
    }

    static func marker(in directory: URL) -> URL { directory.appendingPathComponent("plinth-tools.json") }
    static func interpreter(in directory: URL) -> URL { directory.appendingPathComponent("bin/python") }

    /// `python3` on PATH, resolved past any shim, when it is a Python that can hold the tools.
    func basePython() throws -> BasePython {
        guard let python3 = TerraformEnvironment.findExecutable("python3", path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        else {
            throw ProvisioningError.toolMissing(.python, problem: nil)
        }
        let script = "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"
        let lines =
            ProcessRunner.answer(of: python3, ["-c", script], environment: Self.isolated(environment))?
            .split(separator: "\n").map(String.init) ?? []
        guard lines.count == 2 else {
            throw ProvisioningError.toolMissing(.python, problem: "python3 at \(python3.path) does not run")
        }
        guard RequiredTool.python.accepts(version: lines[1]) else {
            throw ProvisioningError.toolMissing(.python, problem: "python3 at \(python3.path) is Python \(lines[1]), too old")
        }
        let executable = lines[0].isEmpty ? python3 : URL(fileURLWithPath: lines[0])
        return BasePython(executable: executable, version: lines[1])
    }

    /// Whether `directory` holds a complete environment of these contents whose Python runs.
    func state(of directory: URL, base: BasePython) -> State {
        guard FileManager.default.fileExists(atPath: directory.path) else { return .absent }
        guard let data = try? Data(contentsOf: Self.marker(in: directory)),
            let marker = try? JSONDecoder().decode(Marker.self, from: data)
        else {
            return .unusable(reason: "it has no marker of a finished install: an install that did not finish")
        }
        guard marker == Marker(contents: contents, python: base.version) else {
            return .unusable(reason: "it holds other pins")
        }
        let interpreter = Self.interpreter(in: directory)
        guard importsWork(interpreter) else {
            return .unusable(reason: "its Python does not run or cannot import \(contents.imports.joined(separator: ", "))")
        }
        return .ready(interpreter: interpreter)
    }

    func importsWork(_ interpreter: URL) -> Bool {
        ProcessRunner.answer(
            of: interpreter, ["-c", "import " + contents.imports.joined(separator: ", ")],
            environment: Self.isolated(environment)) != nil
    }

    func remove(_ directory: URL) throws {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        do {
            try FileManager.default.removeItem(at: directory)
        } catch {
            throw ProvisioningError.toolInstallFailed(
                directory: directory.path, detail: "cannot remove what is there: \(error)",
                log: sibling(of: directory, extension: "log").path)
        }
    }

    /// Creates the environment with `python3 -m venv`, installs the pins with its pip, checks
    /// that they import, and only then writes the marker. A failure removes what was made.
    func install(
        into directory: URL, base: BasePython, progress: @escaping @Sendable (ToolSetupEvent) -> Void
    ) async throws -> Ready {
        let started = Date()
        progress(.installing(directory: directory.path, requirements: contents.requirements))
        let log = sibling(of: directory, extension: "log")
        try? FileManager.default.removeItem(at: log)
        let childEnvironment = Self.isolated(environment)
        let runner = ProcessRunner()
        // Whatever failed, nothing half-made stays behind for the next run to trip over.
        let failed = { (detail: String) -> ProvisioningError in
            try? FileManager.default.removeItem(at: directory)
            return .toolInstallFailed(directory: directory.path, detail: detail, log: log.path)
        }

        let venv = try await runner.run(
            base.executable, ["-m", "venv", directory.path], directory: root, environment: childEnvironment, log: log)
        guard venv.succeeded else {
            let error = failed("python3 -m venv failed:\n\(Self.lastLines(venv.output))")
            guard venv.output.contains("ensurepip") || venv.output.contains("No module named venv") else { throw error }
            throw ProvisioningError.toolMissing(
                .python,
                problem: "Python \(base.version) at \(base.executable.path) cannot make virtual environments "
                    + "(its venv module or ensurepip is missing)")
        }
        let interpreter = Self.interpreter(in: directory)
        let pip = try await runner.run(
            interpreter,
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off"] + contents.requirements,
            directory: root, environment: childEnvironment, log: log,
            onLine: { line in
                if let shown = Self.progressLine(line) { progress(.installerProgress(shown)) }
            })
        guard pip.succeeded else {
            throw failed(Self.pipFailure(pip.output, environment: environment))
        }
        guard importsWork(interpreter) else {
            throw failed(
                "pip installed \(contents.requirements.joined(separator: ", ")) but \(contents.imports.joined(separator: ", ")) do not import"
            )
        }
        do {
            let marker = try JSONEncoder().encode(Marker(contents: contents, python: base.version))
            try marker.write(to: Self.marker(in: directory), options: .atomic)
        } catch {
            throw failed("cannot write its marker: \(error)")
        }
        progress(.installed(directory: directory.path, seconds: Date().timeIntervalSince(started)))
        return Ready(directory: directory, interpreter: interpreter, installedNow: true)
    }

    /// The lines of pip's output that show progress: each package as it is collected, retries of
    /// an index that does not answer, the result.
    static func progressLine(_ line: String) -> String? {
        let shown = ["Collecting ", "WARNING: Retrying", "Installing collected packages", "Successfully installed", "ERROR:"]
        return shown.contains { line.hasPrefix($0) } ? line : nil
    }

    /// Why pip failed, in a line a person can act on, then pip's own errors.
    static func pipFailure(_ output: String, environment: [String: String]) -> String {
        let unreachable = [
            "NewConnectionError", "Connection refused", "Failed to establish a new connection", "Temporary failure in name resolution",
            "Name or service not known", "ConnectTimeoutError", "Network is unreachable", "ProxyError", "Read timed out",
        ].contains { output.contains($0) }
        let errors = output.split(separator: "\n").filter { $0.hasPrefix("ERROR:") }.suffix(3).joined(separator: "\n")
        let detail = errors.isEmpty ? lastLines(output) : errors
        let index = packageIndex(environment)
        if unreachable { return "the package index \(index) could not be reached:\n\(detail)" }
        // What pip says when every request failed without retries, or the index lacks the pins.
        if output.contains("(from versions: none)") {
            return "the package index \(index) offered no version of them (is it reachable, and does it mirror PyPI?):\n\(detail)"
        }
        return "pip install failed:\n\(detail)"
    }

    /// The index pip uses, without any credentials it carries.
    static func packageIndex(_ environment: [String: String]) -> String {
        guard let given = environment["PIP_INDEX_URL"], var components = URLComponents(string: given) else {
            return "https://pypi.org/simple"
        }
        components.user = nil
        components.password = nil
        return components.string ?? "(PIP_INDEX_URL)"
    }

    static func lastLines(_ output: String, _ count: Int = 8) -> String {
        output.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}
