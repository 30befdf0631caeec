import Foundation

/// A PostgreSQL server of one test's own, started by scripts/lib/postgres.sh, so stopping or
/// breaking it disturbs no other test. Shared by every test target that needs one.
public struct ThrowawayPostgres: Sendable {
    public let dataDirectory: String
    public let port: Int
    /// The third field `start` or `start-tls` printed: the superuser URL, or the TLS CA file.
    let detail: String

    /// `postgres://plinth@127.0.0.1:<port>/postgres`, for a server from `start()`.
    public var url: String { detail }
    /// The CA that signed the server certificate, for a server from `startTLS()`.
    public var caFile: String { detail }
    /// A CA that signed nothing, for a server from `startTLS()`: trusting only it must fail.
    public var untrustedCAFile: String { dataDirectory + "/tls/untrusted-ca.pem" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/lib/postgres.sh").path

    /// Runs the script and reads its output to the end; returns the lines before the last.
    ///
    /// Success is the last line, `ok`: Foundation's `Process` on Linux does not reliably report the
    /// exit of a child whose own children (the server) live on, so the exit status is not awaited.
    @discardableResult
    public static func run(_ arguments: [String]) async throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.last == "ok" else { throw ScriptFailed(arguments: arguments) }
        return lines.dropLast()
    }

    /// A server on 127.0.0.1 that trusts every local connection, without TLS.
    public static func start() async throws -> ThrowawayPostgres { try await start("start") }

    /// A server that accepts TCP only over TLS: the superuser `plinth` by trust, other roles by
    /// SCRAM password; its CA and server certificate are made at start.
    public static func startTLS() async throws -> ThrowawayPostgres { try await start("start-tls") }

    private static func start(_ command: String) async throws -> ThrowawayPostgres {
        let fields = try await run([command]).last?.split(separator: " ").map(String.init) ?? []
        guard fields.count == 3, let port = Int(fields[1]) else { throw ScriptFailed(arguments: [command]) }
        return ThrowawayPostgres(dataDirectory: fields[0], port: port, detail: fields[2])
    }

    /// Stops the server abruptly, keeping its data.
    public func halt() async throws { try await Self.run(["halt", dataDirectory]) }
    /// Starts a halted server again on its port.
    public func restart() async throws { try await Self.run(["restart", dataDirectory]) }
    /// Stops the server and deletes its data.
    public func remove() async { _ = try? await Self.run(["stop", dataDirectory]) }

    public struct ScriptFailed: Error, CustomStringConvertible {
        public var arguments: [String]
        public var description: String {
            "scripts/lib/postgres.sh \(arguments.joined(separator: " ")) failed (see its stderr); run scripts/install-test-deps"
        }
    }
}
