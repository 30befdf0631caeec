/// Writes a scene as a Mermaid flowchart, the form GitHub renders inside a ```mermaid block (pull
/// requests and job summaries): groups become nested subgraphs, styles become classDefs, gated
/// connections dotted links. Coordinates are dropped; Mermaid lays the graph out itself.
public enum MermaidWriter {
    public static func mermaid(_ scene: DiagramScene, direction: String = "LR") -> String {
        let ids = DiagramIdentifiers(scene)
        var out = "flowchart \(direction)\n  %% \(scene.title.replacingOccurrences(of: "\n", with: " "))\n"
        let childGroups = Dictionary(grouping: scene.groups, by: { $0.parent ?? "" })
        let childNodes = Dictionary(grouping: scene.nodes.filter { !$0.decoration }, by: { $0.group ?? "" })
        func emit(parent: String, indent: String) {
            for node in childNodes[parent] ?? [] {
                out += "\(indent)\(ids.node(node.id))[\"\(label(node.lines + node.detail))\"]\n"
            }
            for group in childGroups[parent] ?? [] {
                out += "\(indent)subgraph \(ids.group(group.id))[\"\(label([group.title]))\"]\n"
                emit(parent: group.id, indent: indent + "  ")
                out += "\(indent)end\n"
            }
        }
        emit(parent: "", indent: "  ")
        for edge in scene.edges {
            let arrow = edge.dashed ? (edge.bidirectional ? "<-.->" : "-.->") : (edge.bidirectional ? "<-->" : "-->")
            let text = edge.label.map { "|\"\(label([$0]))\"|" } ?? ""
            out += "  \(ids.node(edge.from)) \(arrow)\(text) \(ids.node(edge.to))\n"
        }
        let used = Set(scene.nodes.filter { !$0.decoration }.map(\.style))
        for style in DiagramStyle.allCases where used.contains(style) {
            let colours = SVGWriter.palette(style)
            out +=
                "  classDef \(style.rawValue) fill:\(colours.fill),stroke:\(colours.stroke)\(colours.dashed ? ",stroke-dasharray:5 3" : "")\n"
            let members = scene.nodes.filter { $0.style == style && !$0.decoration }.map { ids.node($0.id) }
            guard !members.isEmpty else { continue }
            out += "  class \(members.joined(separator: ",")) \(style.rawValue)\n"
        }
        // Marks come after the styles: a node with two classes takes the later one's border.
        for highlight in DiagramHighlight.allCases {
            let members = scene.nodes.filter { $0.highlight == highlight && !$0.decoration }.map { ids.node($0.id) }
            guard !members.isEmpty else { continue }
            let stroke = SVGWriter.highlightStroke(highlight)
            out += "  classDef \(highlight.rawValue) stroke:\(stroke.colour),stroke-width:\(SVGWriter.number(stroke.width))px\n"
            out += "  class \(members.joined(separator: ",")) \(highlight.rawValue)\n"
        }
        return out
    }

    /// Text for a quoted Mermaid label: lines joined with `<br/>`; quotes, angle brackets, `#` and `|` as entity codes.
    static func label(_ lines: [String]) -> String {
        lines.map { line in
            var out = ""
            for character in line {
                switch character {
                case "\"": out += "#quot;"
                case "<": out += "#lt;"
                case ">": out += "#gt;"
                case "#": out += "#35;"
                case "|": out += "#124;"
                default: out.append(character)
                }
            }
            return out
        }.joined(separator: "<br/>")
    }
}

/// Identifiers Mermaid and dot accept for the scene's nodes and groups: letters, digits and
/// underscores, never a keyword such as `end`, unique within the scene.
struct DiagramIdentifiers {
    private var nodes: [String: String] = [:]
    private var groups: [String: String] = [:]

    init(_ scene: DiagramScene) {
        var taken = Set<String>()
        func make(_ prefix: String, _ id: String) -> String {
            let base = prefix + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            var candidate = base
            var counter = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(base)_\(counter)"
                counter += 1
            }
            return candidate
        }
        for node in scene.nodes { nodes[node.id] = make("n_", node.id) }
        for group in scene.groups { groups[group.id] = make("g_", group.id) }
    }

    func node(_ id: String) -> String { nodes[id] ?? "n_missing" }
    func group(_ id: String) -> String { groups[id] ?? "g_missing" }
}
