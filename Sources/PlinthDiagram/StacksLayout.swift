import PlinthRender
import PlinthSpec

/// The stacks view: the stack graph in apply waves, left to right, each stack coloured by the
/// account it deploys into, gated stacks dashed. A wave with many stacks of one shape (the same
/// stack in many accounts) draws them as one box with a count. Stacks a change touches are marked,
/// with a note line and a coloured border, so a pull request's picture shows what it will apply.
struct StacksLayout {
    let spec: PlatformSpec
    let stacks: [StackDescriptor]
    var highlighted: [String: DiagramHighlight] = [:]
    /// Stacks of one shape in a wave above which they are drawn as one box.
    static let stacksBeforeCollapsing = 3
    static let colours = [
        "#bfdbfe", "#bbf7d0", "#fde68a", "#fbcfe8", "#ddd6fe", "#a5f3fc", "#fed7aa", "#d9f99d", "#e9d5ff", "#fecaca",
    ]
    private static let boxWidth = 230.0, columnGap = 44.0, rowGap = 8.0

    /// What is drawn as one box: one stack, or many of one shape.
    private struct Box {
        var id: String
        var stacks: [StackDescriptor]
        var shape: String
    }

    func scene() -> DiagramScene {
        let name = spec.diagramName
        var scene = DiagramScene(title: "\(name) stacks", summary: "")
        let margin = DiagramMetrics.margin
        scene.labels.append(
            DiagramLabel(
                text: "\(name) stacks in apply waves (a wave needs only the waves before it), coloured by account",
                at: DiagramPoint(x: margin, y: margin), fontSize: DiagramMetrics.titleFontSize, bold: true))
        let waves = self.waves()
        var boxOf: [String: String] = [:]
        var x = margin
        let top = margin + 36
        var bottom = top
        let columns = Int((Self.boxWidth - 2 * DiagramMetrics.paddingX) / (DiagramMetrics.fontSize * DiagramMetrics.characterWidth))
        var colourOf: [String: String] = [:]
        for (index, account) in spec.organization.allAccounts.enumerated() {
            colourOf[account.name.rawValue] = Self.colours[index % Self.colours.count]
        }
        var accountsDrawn: [String] = []
        for (number, wave) in waves.enumerated() {
            let groupID = "wave-\(number + 1)"
            var y = top + DiagramMetrics.groupHeader
            for box in boxes(wave) {
                let first = box.stacks[0]
                var lines: [String]
                var fill: String?
                var style = DiagramStyle.stack
                if box.stacks.count == 1 {
                    lines = Self.wrapPath(first.id, columns: columns)
                    lines.append(first.account.map { "account \($0)" } ?? "\(first.provider) (SaaS)")
                    if let account = first.account {
                        fill = colourOf[account]
                        if !accountsDrawn.contains(account) { accountsDrawn.append(account) }
                    }
                    if let blocker = first.blockedBy {
                        style = .gated
                        fill = nil
                        lines += ["GATED until blocker", blocker]
                    }
                } else {
                    style = .collapsed
                    lines = Self.wrapPath(box.shape, columns: columns)
                    let accounts = Set(box.stacks.compactMap(\.account)).count
                    lines.append("× \(Counted.noun(box.stacks.count, "stack")), \(Counted.noun(accounts, "account"))")
                }
                let highlight = mark(box.stacks)
                if let highlight {
                    let marked = box.stacks.filter { highlighted[$0.id] == highlight }.count
                    lines.append(box.stacks.count == 1 ? highlight.note : "\(marked) \(highlight.note)")
                }
                lines = lines.map { DiagramMetrics.fit($0, width: Self.boxWidth) }
                let rect = DiagramRect(
                    x: x + DiagramMetrics.groupPadding, y: y, width: Self.boxWidth, height: DiagramMetrics.boxHeight(lines: lines.count))
                var node = DiagramNode(id: box.id, lines: lines, rect: rect, style: style, group: groupID, fill: fill)
                node.highlight = highlight
                scene.nodes.append(node)
                for stack in box.stacks { boxOf[stack.id] = box.id }
                y = rect.maxY + Self.rowGap
            }
            let height = y - Self.rowGap + DiagramMetrics.groupPadding - top
            scene.groups.append(
                DiagramGroup(
                    id: groupID, title: "wave \(number + 1) · \(Counted.noun(wave.count, "stack"))",
                    rect: DiagramRect(x: x, y: top, width: Self.boxWidth + 2 * DiagramMetrics.groupPadding, height: height), style: .wave))
            bottom = max(bottom, top + height)
            x += Self.boxWidth + 2 * DiagramMetrics.groupPadding + Self.columnGap
        }
        var seen = Set<String>()
        for stack in stacks {
            guard let to = boxOf[stack.id] else { continue }
            for dependency in stack.dependsOn {
                guard let from = boxOf[dependency], from != to, seen.insert("\(from)|\(to)").inserted else { continue }
                scene.edges.append(DiagramEdge(from: from, to: to))
            }
        }
        // Legend: which colour is which account, for the accounts drawn one stack at a time.
        scene.addLegend(
            title: "accounts", at: DiagramPoint(x: margin, y: bottom + 20), width: max(x, 600),
            entries: accountsDrawn.map { LegendEntry(id: "legend-\($0)", style: .stack, fill: colourOf[$0], text: $0) }
                + DiagramHighlight.allCases.filter { mark in highlighted.values.contains(mark) }.map {
                    LegendEntry(id: "legend-\($0.rawValue)", style: .stack, highlight: $0, text: $0.note)
                })
        let changed = stacks.filter { highlighted[$0.id] == .changed }.map(\.id)
        let downstream = stacks.filter { highlighted[$0.id] == .downstream }.map(\.id)
        scene.summary =
            "\(Counted.noun(stacks.count, "stack")) applied in \(Counted.noun(waves.count, "wave")). "
            + waves.enumerated().prefix(20).map { index, wave in
                "Wave \(index + 1): " + (wave.count > 8 ? Counted.noun(wave.count, "stack") : wave.map(\.id).joined(separator: ", ")) + "."
            }.joined(separator: " ")
        if !highlighted.isEmpty {
            scene.summary += " Changed: \(changed.isEmpty ? "none" : changed.joined(separator: ", "))."
            scene.summary += " Downstream of a change: \(downstream.isEmpty ? "none" : downstream.joined(separator: ", "))."
        }
        scene.finish()
        return scene
    }

    /// A box's mark: changed when any stack in it changed, else downstream when any is downstream.
    private func mark(_ members: [StackDescriptor]) -> DiagramHighlight? {
        let marks = Set(members.compactMap { highlighted[$0.id] })
        return marks.contains(.changed) ? .changed : marks.contains(.downstream) ? .downstream : nil
    }

    /// Stacks by wave: a stack's wave is one after the latest wave among its dependencies.
    private func waves() -> [[StackDescriptor]] {
        var wave: [String: Int] = [:]
        let known = Set(stacks.map(\.id))
        // `stacks` is in apply order, so every dependency has its wave when a stack is reached.
        for stack in stacks {
            wave[stack.id] = (stack.dependsOn.filter { known.contains($0) }.compactMap { wave[$0] }.max() ?? -1) + 1
        }
        let count = (wave.values.max() ?? -1) + 1
        var result = [[StackDescriptor]](repeating: [], count: count)
        for stack in stacks { result[wave[stack.id] ?? 0].append(stack) }
        return result
    }

    /// The boxes of a wave: stacks of one shape collapse into one box when there are many.
    private func boxes(_ wave: [StackDescriptor]) -> [Box] {
        var order: [String] = []
        var byShape: [String: [StackDescriptor]] = [:]
        for stack in wave {
            let shape = Self.shape(stack)
            if byShape[shape] == nil { order.append(shape) }
            byShape[shape, default: []].append(stack)
        }
        var result: [Box] = []
        for shape in order {
            let members = byShape[shape] ?? []
            if members.count > Self.stacksBeforeCollapsing {
                result.append(Box(id: "stacks-\(shape)", stacks: members, shape: shape))
            } else {
                result += members.map { Box(id: "stack-\($0.id)", stacks: [$0], shape: shape) }
            }
        }
        return result
    }

    /// The stack's id with its account and workspace replaced by `*` and a trailing number by `N`
    /// (`network-spoke-1003`): the same stack in another account or for another spoke has the same shape.
    static func shape(_ stack: StackDescriptor) -> String {
        stack.id.split(separator: "/").map { part in
            if part == stack.account ?? "" || (stack.workspace != "default" && part == stack.workspace) { return "*" }
            let digits = part.reversed().prefix { $0.isNumber }.count
            if digits > 0, digits < part.count, part.dropLast(digits).hasSuffix("-"), part != stack.region ?? "" {
                return part.dropLast(digits) + "N"
            }
            return String(part)
        }.joined(separator: "/")
    }

    /// A stack id broken after slashes into lines of at most `columns` characters.
    static func wrapPath(_ path: String, columns: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in path.split(separator: "/").map(String.init) {
            let piece = current.isEmpty ? part : "/" + part
            if !current.isEmpty, current.count + piece.count > columns {
                lines.append(current + "/")
                current = part
            } else {
                current += piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
