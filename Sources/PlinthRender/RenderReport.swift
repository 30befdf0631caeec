import PlinthSpec

/// The closing summary of `plinth render`: per stack whether it was written (or, with `--check`,
/// differs), the files out of step, and what the target switched off. Text for people, JSON for
/// tools; the command only prints it.
public struct RenderReport: Sendable {
    public var rendered: RenderedInfrastructure
    public var differences: [FileDifference]
    /// The output root, absolute (for JSON).
    public var root: String
    /// The output root as the user named it (for text).
    public var display: String
    /// Whether this was `--check` (nothing written).
    public var check: Bool
    public var milliseconds: Double
    /// Other trees the same render keeps in step (docs/diagrams/), checked and written alongside.
    public var companions: [CompanionTree] = []

    public init(
        rendered: RenderedInfrastructure, differences: [FileDifference], root: String, display: String,
        check: Bool, milliseconds: Double
    ) {
        self.rendered = rendered
        self.differences = differences
        self.root = root
        self.display = display
        self.check = check
        self.milliseconds = milliseconds
    }

    /// Whether the command succeeds: always when writing, only without differences for `--check`.
    public var ok: Bool { !check || allDifferences == 0 }

    private var allDifferences: Int { differences.count + companions.reduce(0) { $0 + $1.differences.count } }

    /// For `--check` with differences, the line for standard error that says what to do.
    public var failure: String? {
        guard check, allDifferences > 0 else { return nil }
        return
            "\(allDifferences) file\(allDifferences == 1 ? "" : "s") differ from what platform.yaml renders; run `plinth render` and commit the result"
    }

    /// Ids of the stacks that have a file among the differences.
    var changedStacks: Set<String> {
        Set(
            differences.compactMap { difference in
                rendered.stacks.first { difference.path.hasPrefix($0.directory + "/") }?.id
            })
    }

    public func json() -> String {
        let changed = changedStacks
        let stacks: [JSONValue] = rendered.stacks.map { stack in
            [
                "id": .string(stack.id), "provider": .string(stack.provider),
                "status": .string(changed.contains(stack.id) ? (check ? "differs" : "written") : "unchanged"),
            ]
        }
        let document: JSONValue = [
            "output": .string(root), "check": .bool(check), "ok": .bool(ok),
            "stacks": .array(stacks),
            "differences": .array(differences.map { ["path": .string($0.path), "kind": .string($0.kind.rawValue)] }),
            "milliseconds": .double((milliseconds * 10).rounded() / 10),
            "companions": .array(
                companions.map { tree in
                    [
                        "output": .string(tree.display),
                        "differences": .array(tree.differences.map { ["path": .string($0.path), "kind": .string($0.kind.rawValue)] }),
                    ]
                }),
        ]
        return document.rendered()
    }

    /// Standard output's part of the text summary (`failure` is standard error's).
    public func text() -> String {
        var out: [String] = []
        let time = "(\(Int(milliseconds.rounded())) ms)"
        if check {
            for difference in differences { out.append("\(Self.pad(difference.kind.rawValue, 9)) \(display)/\(difference.path)") }
            if differences.isEmpty {
                out.append("\(display)/ is up to date: \(rendered.stacks.count) stacks, \(rendered.files.count) files \(time)")
            }
            for tree in companions {
                for difference in tree.differences {
                    out.append("\(Self.pad(difference.kind.rawValue, 9)) \(tree.display)/\(difference.path)")
                }
                if tree.differences.isEmpty { out.append("\(tree.display)/ is up to date: \(tree.fileCount) files") }
            }
            return out.map { $0 + "\n" }.joined()
        }
        let changed = changedStacks
        let width = (rendered.stacks.map(\.id.count).max() ?? 0) + 2
        for stack in rendered.stacks {
            out.append(
                "  \(Self.pad(changed.contains(stack.id) ? "written" : "unchanged", 10)) \(Self.pad(stack.id, width)) \(stack.provider)")
        }
        let stale = differences.filter { $0.kind == .extra }.count
        let others = Set(differences.map(\.path)).filter { path in !rendered.stacks.contains { path.hasPrefix($0.directory + "/") } }
        for path in others.sorted() where rendered.files[path] != nil { out.append("  \(Self.pad("written", 10)) \(path)") }
        for item in rendered.disabled { out.append("  switched off  \(item.stack)  \(item.resource): \(item.reason)") }
        out.append(
            "rendered \(rendered.stacks.count) stacks into \(display)/: \(changed.count) written, \(rendered.stacks.count - changed.count) unchanged"
                + (stale > 0 ? ", \(stale) stale file\(stale == 1 ? "" : "s") removed" : "") + " \(time)")
        for tree in companions {
            let written = tree.differences.filter { $0.kind != .extra }.count
            out.append("rendered \(tree.fileCount) files into \(tree.display)/: \(written) written, \(tree.fileCount - written) unchanged")
        }
        return out.map { $0 + "\n" }.joined()
    }

    private static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
}

/// A tree rendered next to the stacks, such as docs/diagrams/: how it is shown, how many files it
/// holds, and which differ from disk.
public struct CompanionTree: Sendable {
    public var display: String
    public var fileCount: Int
    public var differences: [FileDifference]

    public init(display: String, fileCount: Int, differences: [FileDifference]) {
        self.display = display
        self.fileCount = fileCount
        self.differences = differences
    }
}
