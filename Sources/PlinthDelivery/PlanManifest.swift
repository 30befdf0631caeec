import Foundation
import PlinthProvisioning

/// `manifest.json` of a plan directory: what was planned, from which commit and rendered tree,
/// and for each stack the state version the plan was made against and its fingerprint. `apply`
/// trusts nothing else in the directory without checking it against this.
public struct PlanManifest: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        /// Subdirectory of the plan directory holding `plan.tfplan` and `plan.json`.
        public var directory: String
        /// Planned stacks it must follow (the graph restricted to the planned stacks).
        public var dependsOn: [String]
        /// The state when the plan was made; nil for a stack without state yet.
        public var state: StateVersion?
        public var fingerprint: String
        /// SHA-256 of the binary plan file.
        public var planDigest: String
        public var added: Int
        public var changed: Int
        public var replaced: Int
        public var destroyed: Int

        public var hasChanges: Bool { added + changed + replaced + destroyed > 0 }

        public init(
            id: String, directory: String, dependsOn: [String], state: StateVersion?, fingerprint: String, planDigest: String,
            added: Int, changed: Int, replaced: Int, destroyed: Int
        ) {
            self.id = id
            self.directory = directory
            self.dependsOn = dependsOn
            self.state = state
            self.fingerprint = fingerprint
            self.planDigest = planDigest
            self.added = added
            self.changed = changed
            self.replaced = replaced
            self.destroyed = destroyed
        }
    }

    public static let fileName = "manifest.json"
    public static let planFile = "plan.tfplan"
    public static let jsonFile = "plan.json"

    public var formatVersion = 1
    /// The repository's HEAD when planned; nil outside git.
    public var commit: String?
    /// SHA-256 over the rendered files of the planned stacks.
    public var treeDigest: String
    /// In graph order.
    public var stacks: [Entry]

    public init(commit: String?, treeDigest: String, stacks: [Entry]) {
        self.commit = commit
        self.treeDigest = treeDigest
        self.stacks = stacks
    }

    /// The directory name of a stack's plan files: its id with `/` made `_`.
    public static func directoryName(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "_") }

    /// SHA-256 over the given rendered files (sorted path, then contents).
    public static func treeDigest(_ files: [String: String], stacks: [String]) -> String {
        var data = Data()
        for path in files.keys.sorted() where stacks.contains(where: { path.hasPrefix($0 + "/") }) {
            data.append(Data(path.utf8))
            data.append(0)
            data.append(Data((files[path] ?? "").utf8))
            data.append(0)
        }
        return PlannedChanges.digest(of: data)
    }

    public func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: directory.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// Reads and checks a plan directory before anything is applied: the manifest parses, and every
    /// stack's plan file is there and is the file that was planned (its digest), and its JSON reads.
    public static func read(from directory: URL) throws(DeliveryError) -> PlanManifest {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .planDirectory(path: directory.path, problem: "no \(fileName): not a directory written by `plinth plan`")
        }
        let manifest: PlanManifest
        do { manifest = try JSONDecoder().decode(PlanManifest.self, from: data) } catch {
            throw .planDirectory(path: directory.path, problem: "\(fileName) is corrupt (\(error))")
        }
        for entry in manifest.stacks {
            let stackDirectory = directory.appendingPathComponent(entry.directory)
            let plan = stackDirectory.appendingPathComponent(planFile)
            guard let bytes = FileManager.default.contents(atPath: plan.path) else {
                throw .planDirectory(
                    path: directory.path, problem: "the plan file of \(entry.id) (\(entry.directory)/\(planFile)) is missing")
            }
            guard PlannedChanges.digest(of: bytes) == entry.planDigest else {
                throw .planDirectory(
                    path: directory.path,
                    problem: "the plan file of \(entry.id) is corrupt or was replaced (its SHA-256 differs from the manifest)")
            }
        }
        return manifest
    }
}
