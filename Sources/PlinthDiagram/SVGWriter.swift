/// Writes a scene as a self-contained SVG: no scripts, no fonts or images from elsewhere, every
/// colour inline, numbers printed with one decimal so the same scene always gives the same bytes.
public enum SVGWriter {
    public static func svg(_ scene: DiagramScene) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(scene.width))\" height=\"\(number(scene.height))\""
        out += " viewBox=\"0 0 \(number(scene.width)) \(number(scene.height))\" role=\"img\" aria-labelledby=\"title desc\""
        out += " font-family=\"\(DiagramMetrics.fontFamily)\" font-size=\"\(number(DiagramMetrics.fontSize))\">\n"
        out += "<title id=\"title\">\(escape(scene.title))</title>\n"
        out += "<desc id=\"desc\">\(escape(scene.summary))</desc>\n"
        out += "<defs>\n"
        out +=
            "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        out += "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#4b5563\"/></marker>\n"
        out += "</defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(number(scene.width))\" height=\"\(number(scene.height))\" fill=\"#ffffff\"/>\n"
        for group in scene.groups {
            let colours = palette(group.style)
            out += "<g>\(rect(group.rect, fill: colours.fill, stroke: colours.stroke, dashed: colours.dashed, radius: 8))"
            out += text(group.title, in: DiagramMetrics.groupTitleRect(group), bold: true, colour: "#111827") + "</g>\n"
        }
        for edge in scene.edges where edge.points.count == 4 {
            let p = edge.points
            out +=
                "<path d=\"M \(point(p[0])) C \(point(p[1])) \(point(p[2])) \(point(p[3]))\" fill=\"none\" stroke=\"#4b5563\" stroke-opacity=\"0.7\""
            out += " stroke-width=\"1.2\"\(edge.dashed ? " stroke-dasharray=\"6 4\"" : "") marker-end=\"url(#arrow)\""
            out += edge.bidirectional ? " marker-start=\"url(#arrow)\"/>\n" : "/>\n"
        }
        for node in scene.nodes {
            let colours = palette(node.style)
            let mark = node.highlight.map(highlightStroke)
            out +=
                "<g>\(rect(node.rect, fill: node.fill ?? colours.fill, stroke: mark?.colour ?? colours.stroke, dashed: colours.dashed, radius: 4, width: mark?.width))"
            if node.showsText {
                for (index, line) in node.lines.enumerated() {
                    out += text(line, in: DiagramMetrics.lineRect(of: node, line: index), bold: index == 0, colour: "#111827")
                }
            }
            out += "</g>\n"
        }
        for label in scene.labels {
            out += text(label.text, in: label.rect, bold: label.bold, colour: "#111827", fontSize: label.fontSize) + "\n"
        }
        out += "</svg>\n"
        return out
    }

    private static func rect(
        _ rect: DiagramRect, fill: String, stroke: String, dashed: Bool, radius: Double, width: Double? = nil
    ) -> String {
        "<rect x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" width=\"\(number(rect.width))\" height=\"\(number(rect.height))\""
            + " rx=\"\(number(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"\(width.map { " stroke-width=\"\(number($0))\"" } ?? "")"
            + "\(dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
    }

    /// Border of a marked stack: red and heavy for a change, amber for what only reads its outputs.
    static func highlightStroke(_ highlight: DiagramHighlight) -> (colour: String, width: Double) {
        switch highlight {
        case .changed: ("#dc2626", 3)
        case .downstream: ("#d97706", 2)
        }
    }

    private static func text(
        _ value: String, in rect: DiagramRect, bold: Bool, colour: String, fontSize: Double = DiagramMetrics.fontSize
    )
        -> String
    {
        let baseline = rect.y + rect.height * 0.76
        var out = "<text x=\"\(number(rect.x))\" y=\"\(number(baseline))\" fill=\"\(colour)\""
        if fontSize != DiagramMetrics.fontSize { out += " font-size=\"\(number(fontSize))\"" }
        if bold { out += " font-weight=\"bold\"" }
        return out + " xml:space=\"preserve\">\(escape(value))</text>"
    }

    /// Fill, stroke and dash of each kind of thing drawn.
    static func palette(_ style: DiagramStyle) -> (fill: String, stroke: String, dashed: Bool) {
        switch style {
        case .region: ("#f3f4f6", "#9ca3af", false)
        case .environment: ("#ffffff", "#9ca3af", false)
        case .hub: ("#dbeafe", "#1d4ed8", false)
        case .spoke: ("#dcfce7", "#15803d", false)
        case .gated: ("#f9fafb", "#b91c1c", true)
        case .external: ("#fef3c7", "#b45309", false)
        case .edgeService: ("#ede9fe", "#6d28d9", false)
        case .privateLink: ("#fce7f3", "#be185d", false)
        case .root: ("#e0e7ff", "#3730a3", false)
        case .organizationalUnit: ("#f9fafb", "#6b7280", false)
        case .account: ("#ecfeff", "#0e7490", false)
        case .stack: ("#ffffff", "#374151", false)
        case .wave: ("#f9fafb", "#9ca3af", false)
        case .collapsed: ("#f3f4f6", "#374151", true)
        case .supernet: ("#ffffff", "#6b7280", false)
        case .used: ("#86efac", "#15803d", false)
        case .pool: ("#fde68a", "#b45309", false)
        case .reserved: ("#fca5a5", "#b91c1c", false)
        case .free: ("#f3f4f6", "#d1d5db", false)
        case .legend: ("#ffffff", "#ffffff", false)
        }
    }

    static func point(_ point: DiagramPoint) -> String { "\(number(point.x)) \(number(point.y))" }

    /// One decimal at most, no trailing ".0", no "-0": stable text for the same value.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
