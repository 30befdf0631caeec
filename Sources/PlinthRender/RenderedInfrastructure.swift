import Foundation

/// Everything `plinth render` produces for one spec and target: the file tree, the stacks in apply
/// order, and what the target switched off. It is plain data until `write(to:)` puts it on disk.
public struct RenderedInfrastructure: Sendable {
    /// Relative path (below the output root) to file contents. Written in sorted path order.
    public var files: [String: String]
    /// Stacks in apply order: every stack comes after all of its `dependsOn`.
    public var stacks: [StackDescriptor]
    /// Resources the target switched off, with reasons (empty for `.aws`).
    public var disabled: [DisabledResource]

    public init(files: [String: String], stacks: [StackDescriptor], disabled: [DisabledResource]) {
        self.files = files
        self.stacks = stacks
        self.disabled = disabled
    }

    /// Writes the tree so that `root` afterwards holds exactly `files`: everything is written into a
    /// temporary sibling directory first and swapped in with renames, so an error at any point leaves
    /// the previous tree as it was and no partial output behind. Stale files vanish with the old tree.
    public func write(to root: URL) throws {
        let fileManager = FileManager.default
        let root = root.standardizedFileURL
        let parent = root.deletingLastPathComponent()
        let token = UUID().uuidString.prefix(8).lowercased()
        let staging = parent.appendingPathComponent(".\(root.lastPathComponent).render-\(token)")
        let retired = parent.appendingPathComponent(".\(root.lastPathComponent).old-\(token)")
        for path in files.keys { try Self.checkRelative(path) }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            var created: Set<String> = []
            for path in files.keys.sorted() {
                let url = staging.appendingPathComponent(path)
                let directory = url.deletingLastPathComponent()
                if created.insert(directory.path).inserted {
                    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
                }
                do { try Data((files[path] ?? "").utf8).write(to: url) } catch {
                    throw RenderError.writeFailed(path: path, reason: "could not create the file (\(error.localizedDescription))")
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            if let renderError = error as? RenderError { throw renderError }
            throw RenderError.writeFailed(path: root.path, reason: "\(error.localizedDescription)")
        }
        let hadOld = fileManager.fileExists(atPath: root.path)
        do {
            if hadOld { try fileManager.moveItem(at: root, to: retired) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw RenderError.writeFailed(path: root.path, reason: "could not move the old tree aside: \(error.localizedDescription)")
        }
        do {
            try fileManager.moveItem(at: staging, to: root)
        } catch {
            if hadOld { try? fileManager.moveItem(at: retired, to: root) }
            try? fileManager.removeItem(at: staging)
            throw RenderError.writeFailed(path: root.path, reason: "could not move the new tree in: \(error.localizedDescription)")
        }
        if hadOld { try? fileManager.removeItem(at: retired) }
    }

    /// Compares the rendered files with the tree at `root`: files whose contents differ, rendered
    /// files that are missing, and files on disk that are no longer rendered. Hidden entries (names
    /// starting with a dot, such as `.terraform/` and `.terraform.lock.hcl` left by `terraform init`)
    /// are not part of the rendered tree and are ignored, except `.github/`, where rendered workflows live.
    public func differences(from root: URL) -> [FileDifference] {
        let onDisk = Self.listFiles(under: root.standardizedFileURL)
        var result: [FileDifference] = []
        for path in files.keys.sorted() {
            guard onDisk.contains(path) else {
                result.append(FileDifference(path: path, kind: .missing))
                continue
            }
            let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            if data != Data((files[path] ?? "").utf8) { result.append(FileDifference(path: path, kind: .changed)) }
        }
        for path in onDisk.sorted() where files[path] == nil {
            result.append(FileDifference(path: path, kind: .extra))
        }
        return result.sorted { $0.path < $1.path }
    }

    static func listFiles(under root: URL) -> Set<String> {
        var found: Set<String> = []
        let fileManager = FileManager.default
        func walk(_ directory: URL, prefix: String) {
            guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return }
            for name in names where !name.hasPrefix(".") || name == ".github" {
                let url = directory.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { walk(url, prefix: relative) } else { found.insert(relative) }
            }
        }
        walk(root, prefix: "")
        return found
    }

    static func checkRelative(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || path.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            throw RenderError.writeFailed(path: path, reason: "not a plain relative path")
        }
    }
}
