import AsyncHTTPClient
import Foundation
import PlinthAWS
#if canImport(Glibc)
import Glibc
#endif

/// The emulator `up --local` talks to, and whether this tool started it (only then may it stop it).
public struct EmulatorSession: Sendable, Codable, Equatable {
    public var endpoint: String
    /// The emulator process this tool started; nil when the emulator was already there.
    public var pid: Int32?
    /// PEM file of the certificate an HTTPS emulator presents, for clients to trust.
    public var caBundle: String?
    /// Names of the `EmulatorCorrections` the started emulator applies (nil: none known).
    public var corrections: [String]?

    public var startedHere: Bool { pid != nil }

    /// The corrections in effect, for the run's summary.
    public var appliedCorrections: [EmulatorCorrection] {
        let names = Set(corrections ?? [])
        return EmulatorCorrections.all.filter { names.contains($0.name) }
    }

    public init(endpoint: String, pid: Int32?, caBundle: String? = nil, corrections: [String]? = nil) {
        self.endpoint = endpoint
        self.pid = pid
        self.caBundle = caBundle
        self.corrections = corrections
    }
}

/// Finds or starts the local AWS emulator: an explicit `--endpoint` if given; else the emulator a
/// previous `up` started (recorded in `emulator.json`) if it still answers; else whatever answers
/// on 127.0.0.1 at the default port; else a new moto server on 127.0.0.1 with the
/// `EmulatorCorrections`, recorded so that `down` (or a test) stops it by PID.
///
/// A started emulator serves HTTPS with a certificate generated for 127.0.0.1 on first use: the
/// state bucket's policy denies requests that do not use TLS (`aws:SecureTransport`), and moto
/// enforces it, so the local target keeps that control instead of switching it off. Terraform
/// trusts the certificate through `AWS_CA_BUNDLE`, plinth's own client explicitly.
public struct LocalEmulator: Sendable {
    public static let defaultPort = 5000
    /// Credentials the emulator accepts; no real account ever sees them.
    public static let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")

    public var stateDirectory: URL
    public var environment: [String: String]
    /// The client used to probe; it must trust `certificate` (see `AWSHTTPClient.trusting`).
    public var httpClient: HTTPClient

    public init(stateDirectory: URL, environment: [String: String], httpClient: HTTPClient = .shared) {
        self.stateDirectory = stateDirectory
        self.environment = environment
        self.httpClient = httpClient
    }

    /// Where the emulator's certificate is (created by `ensureCertificate`).
    public var certificate: URL { stateDirectory.appendingPathComponent("tls/emulator-cert.pem") }
    var certificateKey: URL { stateDirectory.appendingPathComponent("tls/emulator-key.pem") }

    /// Creates a self-signed certificate for 127.0.0.1 (valid 30 days) unless one is there.
    public func ensureCertificate() async throws -> URL {
        let fm = FileManager.default
        if fm.fileExists(atPath: certificate.path), fm.fileExists(atPath: certificateKey.path) { return certificate }
        guard let openssl = TerraformEnvironment.findExecutable("openssl", path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw ProvisioningError.toolMissing("openssl")
        }
        try? fm.createDirectory(at: certificate.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try await ProcessRunner().run(openssl, [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", certificateKey.path, "-out", certificate.path,
        ], directory: stateDirectory, environment: environment, log: nil)
        guard result.succeeded else {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot create its TLS certificate: \(result.output)")
        }
        return certificate
    }

    /// The PEM files to trust, each once and only when it exists: the certificate `session`
    /// reports, plinth's generated certificate, and the caller's `AWS_CA_BUNDLE` (an emulator given
    /// with `--endpoint` may use its own certificate).
    func trustedCertificates(for session: EmulatorSession? = nil) -> [String] {
        [session?.caBundle, certificate.path, environment["AWS_CA_BUNDLE"]]
            .compactMap { $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Writes `trustedCertificates(for:)` into one PEM file for Terraform (`AWS_CA_BUNDLE` takes a
    /// single file) and returns it.
    func writeCABundle(for session: EmulatorSession) throws -> URL {
        let text = trustedCertificates(for: session).compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .joined(separator: "\n")
        let bundle = stateDirectory.appendingPathComponent("tls/ca-bundle.pem")
        do {
            try FileManager.default.createDirectory(at: bundle.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: bundle, options: .atomic)
        } catch {
            throw ProvisioningError.cannotRun(program: "terraform", detail: "cannot write \(bundle.path): \(error)")
        }
        return bundle
    }

    var recordFile: URL { stateDirectory.appendingPathComponent("emulator.json") }

    public func acquire(
        explicitEndpoint: String?, defaultPort: Int = LocalEmulator.defaultPort,
        note: @Sendable (String) -> Void = { _ in }
    ) async throws -> EmulatorSession {
        if let explicitEndpoint {
            guard AWSEndpoint.emulator(url: explicitEndpoint) != nil else {
                throw ProvisioningError.emulatorUnreachable(endpoint: explicitEndpoint, detail: "not a URL with a host")
            }
            try await probe(explicitEndpoint)
            note("using the emulator at \(explicitEndpoint)")
            // Not ours to stop, but when plinth started it, its corrections are known.
            let recorded = recordedSession().flatMap { $0.endpoint == explicitEndpoint ? $0 : nil }
            return EmulatorSession(endpoint: explicitEndpoint, pid: nil, corrections: recorded?.corrections)
        }
        if let recorded = await liveRecordedSession() {
            note("using the emulator an earlier run started at \(recorded.endpoint) (pid \(recorded.pid ?? 0))")
            return recorded
        }
        if let answering = await endpointAnswering(atPort: defaultPort) {
            note("using the emulator already answering at \(answering)")
            return EmulatorSession(endpoint: answering, pid: nil)
        }
        let port = Self.portIsFree(defaultPort) ? defaultPort : try Self.freePort()
        let session = try await start(port: port)
        note("started moto at \(session.endpoint) (pid \(session.pid ?? 0)), with \(session.appliedCorrections.count) read-back corrections")
        return session
    }

    /// The emulator already answering on 127.0.0.1 at `port`, over HTTPS or plain HTTP; nil when
    /// none does.
    func endpointAnswering(atPort port: Int) async -> String? {
        for scheme in ["https", "http"] {
            let endpoint = "\(scheme)://127.0.0.1:\(port)"
            if (try? await probe(endpoint)) != nil { return endpoint }
        }
        return nil
    }

    /// Starts moto's server on 127.0.0.1:`port` through the launcher that applies
    /// `EmulatorCorrections`, and waits until it answers. The Python interpreter moto is installed
    /// in is run directly (not a pyenv shim, which would put the server in a child process whose
    /// PID we would not know), so stopping by PID stops the server.
    public func start(port: Int, tls: Bool = true) async throws -> EmulatorSession {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let (python, motoVersion) = Self.motoPython(path: path, environment: environment) else {
            throw ProvisioningError.toolMissing("moto (python3 -m pip install 'moto[server]==5.2.1')")
        }
        let launcher: URL
        do {
            launcher = try EmulatorCorrections.writeLauncher(in: stateDirectory.appendingPathComponent("emulator"))
        } catch {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot write its launcher: \(error)")
        }
        let logs = stateDirectory.appendingPathComponent("logs")
        let log = logs.appendingPathComponent("moto-\(port).log")
        let certificate = tls ? try await ensureCertificate() : nil
        let process = Process()
        process.executableURL = python
        process.arguments = [launcher.path, "-H", "127.0.0.1", "-p", String(port)]
            + (certificate.map { ["-s", "-c", $0.path, "-k", certificateKey.path] } ?? [])
        // AWS-managed IAM policies (AdministratorAccess, ...) exist in every real account; moto
        // loads them only when asked.
        var motoEnvironment = environment
        motoEnvironment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        process.environment = motoEnvironment
        process.standardInput = FileHandle.nullDevice
        do {
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        } catch {
            throw ProvisioningError.emulatorDidNotStart(detail: String(describing: error))
        }
        let session = EmulatorSession(endpoint: "\(tls ? "https" : "http")://127.0.0.1:\(port)",
                                      pid: process.processIdentifier, caBundle: certificate?.path,
                                      corrections: EmulatorCorrections.applies(toMoto: motoVersion) ? EmulatorCorrections.all.map(\.name) : [])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if (try? await probe(session.endpoint)) != nil {
                try record(session)
                return session
            }
            if !process.isRunning {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw ProvisioningError.emulatorDidNotStart(detail: "exited with \(process.terminationStatus); log \(log.path):\n\(text.suffix(2000))")
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        stop(session)
        throw ProvisioningError.emulatorDidNotStart(detail: "no answer on port \(port) within 60s; log \(log.path)")
    }

    /// The Python interpreter `python3` runs (resolved past any shim) and the moto version
    /// installed there; nil when moto does not import.
    static func motoPython(path: String, environment: [String: String]) -> (interpreter: URL, motoVersion: String)? {
        guard let python = TerraformEnvironment.findExecutable("python3", path: path) else { return nil }
        let probe = Process()
        probe.executableURL = python
        probe.arguments = ["-c", "import sys, moto, moto.server; print(sys.executable); print(moto.__version__)"]
        probe.environment = environment
        let pipe = Pipe()
        probe.standardOutput = pipe
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard probe.terminationStatus == 0, lines.count >= 2, FileManager.default.isExecutableFile(atPath: lines[0]) else { return nil }
        return (URL(fileURLWithPath: lines[0]), lines[1])
    }

    /// Stops the emulator only when this tool started it, by its PID; forgets the record.
    public func stop(_ session: EmulatorSession) {
        guard let pid = session.pid else { return }
        if kill(pid, SIGTERM) == 0 {
            for _ in 0..<50 where kill(pid, 0) == 0 {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { break }
                usleep(100_000)
            }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        if recordedSession() == session { try? FileManager.default.removeItem(at: recordFile) }
    }

    /// The recorded emulator, when its process is alive and it still answers.
    func liveRecordedSession() async -> EmulatorSession? {
        guard let recorded = recordedSession(), let pid = recorded.pid, kill(pid, 0) == 0,
              (try? await probe(recorded.endpoint)) != nil else { return nil }
        return recorded
    }

    /// The session a previous run recorded, if any.
    public func recordedSession() -> EmulatorSession? {
        guard let data = try? Data(contentsOf: recordFile) else { return nil }
        return try? JSONDecoder().decode(EmulatorSession.self, from: data)
    }

    func record(_ session: EmulatorSession) throws {
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            try JSONEncoder().encode(session).write(to: recordFile, options: .atomic)
        } catch {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot record it in \(recordFile.path): \(error)")
        }
    }

    /// A signed STS call: answers only if the endpoint speaks AWS, not merely HTTP. A closed port
    /// is detected with a plain TCP connect first, because the HTTP client's connection pool backs
    /// off after refused connections and would keep failing once the server is up.
    public func probe(_ endpoint: String) async throws {
        guard let parsed = AWSEndpoint.emulator(url: endpoint) else {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: "not a URL with a host")
        }
        if case .emulator(_, let host, let port) = parsed, !Self.acceptsConnections(host: host, port: port) {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: "nothing listens on \(host):\(port)")
        }
        let client = AWSClient(endpoint: parsed, region: "us-east-1", credentials: Self.credentials,
                               httpClient: httpClient, timeout: .seconds(3))
        do {
            _ = try await STSClient(client: client).getCallerIdentity()
        } catch {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: String(describing: error))
        }
    }

    /// Whether a TCP connection to an IPv4 address (or localhost) succeeds; true for host names
    /// it cannot check this way, leaving the decision to the HTTP probe.
    static func acceptsConnections(host: String, port: Int) -> Bool {
        let address = host == "localhost" ? "127.0.0.1" : host
        let raw = inet_addr(address)
        guard raw != INADDR_NONE else { return true }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        target.sin_addr.s_addr = raw
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0
    }

    static func portIsFree(_ port: Int) -> Bool {
        (try? bindLoopback(port: port)) != nil
    }

    /// A port the kernel reports free on 127.0.0.1 (bound to 0, read back, released).
    public static func freePort() throws -> Int {
        try bindLoopback(port: 0)
    }

    private static func bindLoopback(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProvisioningError.emulatorDidNotStart(detail: "socket() failed") }
        defer { close(fd) }
        // As the server binds: connections of a stopped emulator still in TIME_WAIT do not make the port taken.
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ProvisioningError.emulatorDidNotStart(detail: "port \(port) is taken") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension LocalEmulator {
    /// For `plinth emulator start`: the emulator recorded in `stateDirectory` when it still
    /// answers (`reused`), else a new one on `port` (0: any free port), recorded for
    /// `up`, `down` and `emulator stop` to find.
    public static func startOrReuse(
        stateDirectory: URL, environment: [String: String], port: Int, tls: Bool
    ) async throws -> (session: EmulatorSession, reused: Bool) {
        try await withTrustingClient(stateDirectory: stateDirectory, environment: environment) { client in
            let emulator = LocalEmulator(stateDirectory: stateDirectory, environment: environment, httpClient: client)
            if let recorded = await emulator.liveRecordedSession() { return (recorded, true) }
            let chosen = port == 0 ? try freePort() : port
            guard portIsFree(chosen) else {
                throw ProvisioningError.emulatorDidNotStart(detail: "port \(chosen) is taken; choose another with --port, or 0 for any free port")
            }
            return (try await emulator.start(port: chosen, tls: tls), false)
        }
    }

    /// Runs `body` with an HTTP client that trusts the certificate plinth generates for the
    /// emulator it starts, plus `AWS_CA_BUNDLE` when that names a file (an emulator given with
    /// `--endpoint` may use its own certificate), and shuts the client down after.
    static func withTrustingClient<T: Sendable>(
        stateDirectory: URL, environment: [String: String], _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        let emulator = LocalEmulator(stateDirectory: stateDirectory, environment: environment)
        _ = try await emulator.ensureCertificate()
        let client = AWSHTTPClient.trusting(caBundles: emulator.trustedCertificates())
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// For `plinth emulator stop`: stops the emulator recorded in `stateDirectory`, if plinth
    /// started one; returns it, or nil when none is recorded.
    public static func stopRecorded(stateDirectory: URL, environment: [String: String]) -> EmulatorSession? {
        let emulator = LocalEmulator(stateDirectory: stateDirectory, environment: environment)
        guard let recorded = emulator.recordedSession() else { return nil }
        emulator.stop(recorded)
        return recorded
    }
}
