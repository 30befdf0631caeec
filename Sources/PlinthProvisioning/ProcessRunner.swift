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

    /// Runs `executable` with `arguments` and waits; the combined output is appended to `log`, and
    /// handed line by line to `onLine` while it runs (for progress).
    public func run(
        _ executable: URL, _ arguments: [String], directory: URL, environment: [String: String], log: URL?,
        onLine: (@Sendable (String) -> Void)? = nil
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

        let collector = OutputCollector(
            log: log, header: "$ \(executable.lastPathComponent) \(arguments.joined(separator: " "))  # in \(directory.path)\n",
            onLine: onLine)
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

extension ProcessRunner {
    /// What a short query (a version, a path) prints on standard output, waited for in place;
    /// nil when the program does not run or fails. Standard error is discarded.
    static func answer(of executable: URL, _ arguments: [String], environment: [String: String]) -> String? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Accumulates a child's output, mirrors it into the log file and passes complete lines on.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let file: FileHandle?
    private let onLine: (@Sendable (String) -> Void)?
    /// The start of the line not yet ended by a newline.
    private var partial = Data()

    init(log: URL?, header: String, onLine: (@Sendable (String) -> Void)?) {
        self.onLine = onLine
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
        data.append(chunk)
        try? file?.write(contentsOf: chunk)
        var lines: [String] = []
        if onLine != nil {
            partial.append(chunk)
            while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial = Data(partial[partial.index(after: newline)...])
            }
        }
        lock.unlock()
        for line in lines { onLine?(line) }
    }

    func close() {
        lock.lock()
        try? file?.close()
        let last = partial.isEmpty ? nil : String(decoding: partial, as: UTF8.self)
        partial = Data()
        lock.unlock()
        if let last { onLine?(last) }
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
