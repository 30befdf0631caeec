import Foundation

/// Runs external programs (Terraform, moto) with an explicit environment and working directory,
/// writing everything they print to a log file and keeping it for error messages.
///
/// Cancelling the calling task interrupts the child (SIGINT, so Terraform releases its state lock)
/// and then waits for it, so no process is left running behind a cancelled `up`.
public struct ProcessRunner: Sendable {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var succeeded: Bool { status == 0 }
    }

    public init() {}

    /// Runs `executable` with `arguments` and waits; the combined output is appended to `log`.
    public func run(
        _ executable: URL, _ arguments: [String], directory: URL, environment: [String: String], log: URL?
    ) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice

        let collector = OutputCollector(log: log, header: "$ \(executable.lastPathComponent) \(arguments.joined(separator: " "))  # in \(directory.path)\n")
        let reader = pipe.fileHandleForReading
        reader.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { collector.append(data) }
        }
        let finished = ProcessExit()
        process.terminationHandler = { process in finished.signal(process.terminationStatus) }
        do {
            try process.run()
        } catch {
            reader.readabilityHandler = nil
            throw ProvisioningError.cannotRun(program: executable.path, detail: String(describing: error))
        }
        let status = await withTaskCancellationHandler {
            await finished.wait()
        } onCancel: {
            if process.isRunning { process.interrupt() }
        }
        reader.readabilityHandler = nil
        let rest = reader.readDataToEndOfFile()
        if !rest.isEmpty { collector.append(rest) }
        collector.close()
        return Result(status: status, output: collector.text)
    }
}

/// Accumulates a child's output and mirrors it into the log file.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let file: FileHandle?

    init(log: URL?, header: String) {
        if let log {
            try? FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: log.path) {
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            }
            file = try? FileHandle(forWritingTo: log)
            _ = try? file?.seekToEnd()
            try? file?.write(contentsOf: Data(header.utf8))
        } else {
            file = nil
        }
    }

    func append(_ chunk: Data) {
        lock.lock()
        defer { lock.unlock() }
        data.append(chunk)
        try? file?.write(contentsOf: chunk)
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? file?.close()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A one-shot signal carrying the exit status from the termination handler to the awaiting task.
private final class ProcessExit: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int32?
    private var waiter: CheckedContinuation<Int32, Never>?

    func signal(_ value: Int32) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: value)
        } else {
            status = value
            lock.unlock()
        }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let status {
                lock.unlock()
                continuation.resume(returning: status)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
