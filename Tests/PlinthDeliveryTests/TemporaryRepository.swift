import Foundation
import Testing

/// A throwaway git repository holding a copy of this repository's spec, modules and runbooks, with
/// one commit, for tests that compare the working tree with a revision.
struct TemporaryRepository {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-delivery-repo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["platform.yaml", "platform-modules", "docs"] {
            try FileManager.default.copyItem(at: Self.source.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        try git("init", "-q", "-b", "main")
        try git("add", "-A")
        try git("-c", "user.name=Plinth", "-c", "user.email=dev@plinth.invalid", "commit", "-q", "-m", "base")
    }

    var specPath: URL { root.appendingPathComponent("platform.yaml") }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Replaces the first occurrence of `old` in a file of the working tree.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(path) must contain \(old)")
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: root.appendingPathComponent(path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}
