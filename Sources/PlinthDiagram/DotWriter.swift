/// Writes a scene as plain Graphviz dot for people who want their own layout: groups become
/// clusters, styles become fill colours, gated connections dashed edges.
public enum DotWriter {
    public static func dot(_ scene: DiagramScene, rankDirection: String = "LR") -> String {
        let ids = DiagramIdentifiers(scene)
        var out = "digraph \(quote(scene.title)) {\n"
        out += "  graph [rankdir=\(rankDirection), fontname=\"monospace\", label=\(quote(scene.title)), labelloc=t];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\"monospace\", fontsize=10];\n"
        out += "  edge [color=\"#4b5563\"];\n"
        let childGroups = Dictionary(grouping: scene.groups, by: { $0.parent ?? "" })
        let childNodes = Dictionary(grouping: scene.nodes.filter { !$0.decoration }, by: { $0.group ?? "" })
        func emit(parent: String, indent: String) {
            for node in childNodes[parent] ?? [] {
                let colours = SVGWriter.palette(node.style)
                out += "\(indent)\(ids.node(node.id)) [label=\(quote((node.lines + node.detail).joined(separator: "\n")))"
                let mark = node.highlight.map(SVGWriter.highlightStroke)
                out += ", fillcolor=\(quote(node.fill ?? colours.fill)), color=\(quote(mark?.colour ?? colours.stroke))"
                if let mark { out += ", penwidth=\(SVGWriter.number(mark.width))" }
                out += colours.dashed ? ", style=\"rounded,filled,dashed\"];\n" : "];\n"
            }
            for group in childGroups[parent] ?? [] {
                out += "\(indent)subgraph cluster_\(ids.group(group.id)) {\n"
                out += "\(indent)  label=\(quote(group.title));\n"
                emit(parent: group.id, indent: indent + "  ")
                out += "\(indent)}\n"
            }
        }
        emit(parent: "", indent: "  ")
        for edge in scene.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(quote(label))") }
            if edge.dashed { attributes.append("style=dashed") }
            if edge.bidirectional { attributes.append("dir=both") }
            let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            out += "  \(ids.node(edge.from)) -> \(ids.node(edge.to))\(suffix);\n"
        }
        return out + "}\n"
    }

    /// A dot string literal: backslashes and quotes escaped, newlines as `\n`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
