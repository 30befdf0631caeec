import Foundation

/// The few git operations delivery needs, run with the `git` on PATH. The working tree is only
/// ever read: a base revision is exported into a scratch directory, never checked out.
public struct GitRepository: Sendable {
    /// The top of the working tree.
    public var root: URL
    var environment: [String: String]

    /// Finds the repository that holds `directory`.
    public init(containing directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeliveryError) {
        self.environment = environment
        self.root = directory
        let top = try run(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        self.root = URL(fileURLWithPath: top).standardizedFileURL
    }

    /// The commit a revision names (branch, tag, sha, `HEAD~1`).
    public func commit(of revision: String) throws(DeliveryError) -> String {
        guard !revision.hasPrefix("-") else { throw .unknownRevision(revision, detail: "a revision cannot start with '-'") }
        do {
            return try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw .unknownRevision(revision, detail: "git rev-parse found no such commit")
        }
    }

    /// The commit the working tree is on; nil in a repository without commits.
    public func head() -> String? { try? commit(of: "HEAD") }

    /// Writes the tree of `commit` into `directory` (created if needed), as `git archive` gives it.
    public func export(_ commit: String, to directory: URL) throws(DeliveryError) {
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .git(detail: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let archive = directory.appendingPathComponent(".plinth-base.tar")
        _ = try run(["archive", "--format=tar", "-o", archive.path, commit])
        defer { try? FileManager.default.removeItem(at: archive) }
        _ = try Self.execute(
            URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xf", archive.path, "-C", directory.path], in: directory, environment)
    }

    @discardableResult
    func run(_ arguments: [String]) throws(DeliveryError) -> String {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: root, environment)
    }

    /// Runs a program and returns its standard output; a failure carries its standard error.
    static func execute(
        _ executable: URL, _ arguments: [String], in directory: URL, _ environment: [String: String]
    ) throws(DeliveryError)
        -> String
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw .git(detail: "cannot run \(arguments.first ?? executable.path): \(error.localizedDescription)")
        }
        // Standard error is read on its own queue so that neither pipe can fill and stall the child.
        let collected = ErrorText()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.set(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let message = collected.text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .git(
                detail: "\(arguments.joined(separator: " ")) failed: \(message.isEmpty ? "exit \(process.terminationStatus)" : message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Standard error of a child, filled on another queue.
private final class ErrorText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
