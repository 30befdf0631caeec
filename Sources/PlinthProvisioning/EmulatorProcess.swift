import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The moto server process: launched through the launcher that applies `EmulatorCorrections`,
/// stopped by PID. The Python interpreter moto is installed in (`EmulatorPython`) is run directly
/// (not a pyenv shim, which would put the server in a child process whose PID we would not know),
/// so stopping by PID stops the server.
struct EmulatorProcess {
    var process: Process
    /// Where the server's output goes.
    var log: URL
    /// The session it serves once it answers.
    var session: EmulatorSession

    /// Launches moto's server of `python` on 127.0.0.1:`port`, over HTTPS with `certificate`
    /// (created when missing) when given; does not wait for it to answer.
    static func launch(
        port: Int, certificate: EmulatorCertificate?, stateDirectory: URL, environment: [String: String], python: EmulatorPython
    ) async throws -> EmulatorProcess {
        let launcher: URL
        do {
            launcher = try EmulatorCorrections.writeLauncher(in: stateDirectory.appendingPathComponent("emulator"))
        } catch {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot write its launcher: \(error)")
        }
        let logs = stateDirectory.appendingPathComponent("logs")
        let log = logs.appendingPathComponent("moto-\(port).log")
        if let certificate { _ = try await certificate.ensure() }
        let process = Process()
        process.executableURL = python.interpreter
        process.arguments =
            [launcher.path, "-H", "127.0.0.1", "-p", String(port)]
            + (certificate.map { ["-s", "-c", $0.file.path, "-k", $0.key.path] } ?? [])
        // AWS-managed IAM policies (AdministratorAccess, ...) exist in every real account; moto
        // loads them only when asked.
        var motoEnvironment = python.processEnvironment(environment)
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
        let session = EmulatorSession(
            endpoint: "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)",
            pid: process.processIdentifier, caBundle: certificate?.file.path,
            corrections: EmulatorCorrections.applies(toMoto: python.motoVersion) ? EmulatorCorrections.all.map(\.name) : [])
        return EmulatorProcess(process: process, log: log, session: session)
    }

    /// Why the process is gone, with the end of its log; nil while it runs.
    var exitDetail: String? {
        guard !process.isRunning else { return nil }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "exited with \(process.terminationStatus); log \(log.path):\n\(text.suffix(2000))"
    }

    /// Stops the process `pid`: SIGTERM, up to 5 s to exit, then SIGKILL.
    static func terminate(pid: Int32) {
        guard kill(pid, SIGTERM) == 0 else { return }
        for _ in 0..<50 where kill(pid, 0) == 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(100_000)
        }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    /// Whether a process `pid` exists.
    static func isAlive(pid: Int32) -> Bool { kill(pid, 0) == 0 }
}
