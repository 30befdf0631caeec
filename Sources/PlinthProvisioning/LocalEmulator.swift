import AsyncHTTPClient
import Foundation
import PlinthAWS

/// Finds or starts the local AWS emulator: an explicit `--endpoint` if given; else the emulator a
/// previous `up` started (its `EmulatorRecord`) if it still answers; else whatever answers on
/// 127.0.0.1 at the default port; else a new moto server (`EmulatorProcess`) on 127.0.0.1 with the
/// `EmulatorCorrections`, recorded so that `down` (or a test) stops it by PID.
///
/// A started emulator serves HTTPS with the `EmulatorCertificate`; Terraform trusts it through
/// `AWS_CA_BUNDLE`, plinth's own client explicitly (`EmulatorHTTPClient`).
public struct LocalEmulator: Sendable {
    public static let defaultPort = 5000
    /// Credentials the emulator accepts; no real account ever sees them.
    public static let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")

    public var stateDirectory: URL
    public var environment: [String: String]
    /// The client used to probe; it must trust `certificate` (see `EmulatorHTTPClient`).
    public var httpClient: HTTPClient

    public init(stateDirectory: URL, environment: [String: String], httpClient: HTTPClient = .shared) {
        self.stateDirectory = stateDirectory
        self.environment = environment
        self.httpClient = httpClient
    }

    public var certificate: EmulatorCertificate { EmulatorCertificate(stateDirectory: stateDirectory, environment: environment) }
    var record: EmulatorRecord { EmulatorRecord(stateDirectory: stateDirectory) }
    var prober: EmulatorProbe { EmulatorProbe(httpClient: httpClient) }

    public func acquire(
        explicitEndpoint: String?, defaultPort: Int = LocalEmulator.defaultPort,
        note: @escaping @Sendable (String) -> Void = { _ in }
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
        let port = LoopbackSocket.isFree(defaultPort) ? defaultPort : try LoopbackSocket.freePort()
        let session = try await start(port: port) { note($0.description) }
        note(
            "started moto at \(session.endpoint) (pid \(session.pid ?? 0)), with \(session.appliedCorrections.count) read-back corrections")
        return session
    }

    /// The emulator already answering on 127.0.0.1 at `port`, over HTTPS or plain HTTP; nil when
    /// none does.
    func endpointAnswering(atPort port: Int) async -> String? {
        for scheme in ["https", "http"] {
            let endpoint = "\(scheme)://127.0.0.1:\(port)"
            if await prober.answers(endpoint) { return endpoint }
        }
        return nil
    }

    /// Starts moto's server on 127.0.0.1:`port` (see `EmulatorProcess`), waits until it answers,
    /// and records it. The moto is the pinned one (`EmulatorPython`), installed first when the
    /// machine has none; `progress` shows that setup.
    public func start(
        port: Int, tls: Bool = true, progress: @escaping @Sendable (ToolSetupEvent) -> Void = { _ in }
    ) async throws -> EmulatorSession {
        let python = try await EmulatorPython.resolve(environment: environment, progress: progress)
        let server = try await EmulatorProcess.launch(
            port: port, certificate: tls ? certificate : nil, stateDirectory: stateDirectory, environment: environment,
            python: python)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if await prober.answers(server.session.endpoint) {
                try record.write(server.session)
                return server.session
            }
            if let exit = server.exitDetail { throw ProvisioningError.emulatorDidNotStart(detail: exit) }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        stop(server.session)
        throw ProvisioningError.emulatorDidNotStart(detail: "no answer on port \(port) within 60s; log \(server.log.path)")
    }

    /// Stops the emulator only when this tool started it, by its PID; forgets the record.
    public func stop(_ session: EmulatorSession) {
        guard let pid = session.pid else { return }
        EmulatorProcess.terminate(pid: pid)
        record.forget(session)
    }

    /// Whether `endpoint` answers as an AWS emulator (see `EmulatorProbe`).
    public func probe(_ endpoint: String) async throws {
        try await prober.check(endpoint)
    }

    /// The recorded emulator, when its process is alive and it still answers.
    func liveRecordedSession() async -> EmulatorSession? {
        guard let recorded = recordedSession(), let pid = recorded.pid, EmulatorProcess.isAlive(pid: pid),
            await prober.answers(recorded.endpoint)
        else { return nil }
        return recorded
    }

    /// The session a previous run recorded, if any.
    public func recordedSession() -> EmulatorSession? { record.read() }
}

extension LocalEmulator {
    /// For `plinth emulator start`: the emulator recorded in `stateDirectory` when it still
    /// answers (`reused`), else a new one on `port` (0: any free port), recorded for
    /// `up`, `down` and `emulator stop` to find. `progress` shows the setup of its moto.
    public static func startOrReuse(
        stateDirectory: URL, environment: [String: String], port: Int, tls: Bool,
        progress: @escaping @Sendable (ToolSetupEvent) -> Void = { _ in }
    ) async throws -> (session: EmulatorSession, reused: Bool) {
        try await EmulatorHTTPClient.with(stateDirectory: stateDirectory, environment: environment) { client in
            let emulator = LocalEmulator(stateDirectory: stateDirectory, environment: environment, httpClient: client)
            if let recorded = await emulator.liveRecordedSession() { return (recorded, true) }
            let chosen = port == 0 ? try LoopbackSocket.freePort() : port
            guard LoopbackSocket.isFree(chosen) else {
                throw ProvisioningError.emulatorDidNotStart(
                    detail: "port \(chosen) is taken; choose another with --port, or 0 for any free port")
            }
            return (try await emulator.start(port: chosen, tls: tls, progress: progress), false)
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
