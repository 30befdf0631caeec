/// The review summary of a plan directory, in Markdown for a pull-request comment: totals, then
/// every replacement or destroy of a stateful resource, then each stack's changes. GitHub refuses
/// comments over 65,536 characters, so when the whole text would not fit each stack's list is cut
/// to an equal share and says where its full plan is.
public struct PlanSummary: Sendable {
    public struct Stack: Sendable {
        public var id: String
        public var changes: PlannedChanges
        /// Where the full plan of this stack is, as the reader should find it (the plan JSON's path).
        public var fullPlan: String

        public init(id: String, changes: PlannedChanges, fullPlan: String) {
            self.id = id
            self.changes = changes
            self.fullPlan = fullPlan
        }
    }

    public static let commentLimit = 65_536

    public var stacks: [Stack]
    public var title: String
    public var limit: Int

    public init(stacks: [Stack], title: String, limit: Int = PlanSummary.commentLimit) {
        self.stacks = stacks
        self.title = title
        self.limit = limit
    }

    public func markdown() -> String {
        let all = stacks.flatMap(\.changes.resources)
        func total(_ action: PlannedChanges.Action) -> Int { all.filter { $0.action == action }.count }
        var header = "## \(title)\n\n"
        header +=
            "\(stacks.count) stack\(stacks.count == 1 ? "" : "s") planned: \(total(.add)) to add, \(total(.change)) to change, "
            + "\(total(.replace)) to replace, \(total(.destroy)) to destroy.\n\n"
        var risky: [String] = []
        for stack in stacks {
            for resource in stack.changes.resources where resource.losesState {
                risky.append("- **\(resource.action.rawValue)** `\(resource.address)` (\(resource.type)) in `\(stack.id)`")
            }
        }
        if !risky.isEmpty {
            header += "### Stateful resources replaced or destroyed\n\n"
            // At most half the comment, so each stack keeps room for its own section.
            header += Self.cut(risky, budget: limit / 2, note: "stateful changes not shown; see each stack's full plan") + "\n"
        }
        let sections = stacks.map(section)
        let footer = "\nFull plans: the `plan.json` in each stack's directory of the plan artifact.\n"
        let whole = header + sections.map { $0.joined(separator: "\n") + "\n\n" }.joined() + footer
        if whole.count <= limit { return whole }
        let share = max(200, (limit - header.count - footer.count) / max(stacks.count, 1) - 4)
        var out = header
        for (index, lines) in sections.enumerated() {
            let note = "changes not shown; full plan: `\(stacks[index].fullPlan)`"
            out += Self.cut(lines, budget: share, note: note) + "\n\n"
        }
        out += footer
        // Never over the limit, whatever the number of stacks.
        return out.count <= limit ? out : String(out.prefix(limit - 80)) + "\n\n(cut at GitHub's comment limit; see the plan artifact)\n"
    }

    func section(_ stack: Stack) -> [String] {
        let changes = stack.changes
        var lines = [
            "### `\(stack.id)`: +\(changes.count(.add)) ~\(changes.count(.change)) ±\(changes.count(.replace)) -\(changes.count(.destroy))"
        ]
        if changes.isEmpty { return lines + ["", "No changes."] }
        lines += ["", "| action | resource |", "|---|---|"]
        // Stateful losses first, then destroys, replacements, changes and additions.
        let order: [PlannedChanges.Action] = [.destroy, .replace, .change, .add]
        let sorted = changes.resources.sorted {
            ($0.losesState ? 0 : 1, order.firstIndex(of: $0.action) ?? 0) < ($1.losesState ? 0 : 1, order.firstIndex(of: $1.action) ?? 0)
        }
        lines += sorted.map { "| \($0.losesState ? "**\($0.action.rawValue)**" : $0.action.rawValue) | `\($0.address)` |" }
        return lines
    }

    /// As many whole lines as fit in `budget` characters, then a line saying how many were left out.
    static func cut(_ lines: [String], budget: Int, note: String) -> String {
        var out = "", used = 0
        for (index, line) in lines.enumerated() {
            let remaining = lines.count - index
            let tail = "\n_… \(remaining) \(note)_"
            if used + line.count + 1 + tail.count > budget && index < lines.count {
                if used + line.count + 1 <= budget && remaining == 1 { return out + line + "\n" }
                return out + tail.dropFirst() + "\n"
            }
            out += line + "\n"
            used += line.count + 1
        }
        return out
    }
}
