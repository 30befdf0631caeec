/// Sizes the layouts and the SVG writer share. Text is set in a monospaced font so its width is
/// known without measuring glyphs: that is what lets a test prove from coordinates alone that no
/// two runs of text overlap and that every line fits its box.
public enum DiagramMetrics {
    public static let fontSize = 12.0
    public static let titleFontSize = 16.0
    /// Advance of one character as a fraction of the font size (DejaVu Sans Mono: 0.602), rounded up.
    public static let characterWidth = 0.62
    public static let paddingX = 8.0
    public static let paddingY = 6.0
    public static let margin = 16.0
    /// Height of a group's title strip; content starts below it.
    public static let groupHeader = 26.0
    public static let groupPadding = 10.0
    public static let fontFamily = "DejaVu Sans Mono, Menlo, Consolas, monospace"

    public static func lineHeight(_ fontSize: Double = fontSize) -> Double { (fontSize * 1.35).rounded() }

    public static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        (Double(text.count) * fontSize * characterWidth * 10).rounded(.up) / 10
    }

    /// Width of a box that fits the longest of `lines`.
    public static func boxWidth(_ lines: [String]) -> Double {
        ((lines.map { textWidth($0) }.max() ?? 0) + 2 * paddingX).rounded(.up)
    }

    public static func boxHeight(lines: Int) -> Double { Double(lines) * lineHeight() + 2 * paddingY }

    /// Where line `line` of a node's text is drawn.
    public static func lineRect(of node: DiagramNode, line: Int) -> DiagramRect {
        DiagramRect(
            x: node.rect.x + paddingX, y: node.rect.y + paddingY + Double(line) * lineHeight(),
            width: textWidth(node.lines[line]), height: lineHeight())
    }

    public static func groupTitleRect(_ group: DiagramGroup) -> DiagramRect {
        DiagramRect(x: group.rect.x + paddingX, y: group.rect.y + 5, width: textWidth(group.title), height: lineHeight())
    }

    /// The longest prefix of `text` that fits `width`, with an ellipsis when something was cut.
    public static func fit(_ text: String, width: Double) -> String {
        let room = Int((width - 2 * paddingX) / (fontSize * characterWidth))
        guard text.count > room else { return text }
        guard room > 1 else { return "" }
        return String(text.prefix(room - 1)) + "…"
    }

    /// `text` cut into pieces that each fit `width`, for long names with nowhere to break.
    public static func chunk(_ text: String, width: Double) -> [String] {
        let room = max(1, Int((width - 2 * paddingX) / (fontSize * characterWidth)))
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(room)))
            rest = rest.dropFirst(room)
        }
        return pieces
    }

    /// `items` joined with ", " and wrapped into lines of at most `columns` characters, each line
    /// starting with `lead` (the first) or spaces.
    public static func wrap(_ items: [String], lead: String, columns: Int) -> [String] {
        var lines: [String] = []
        var current = lead
        let indent = String(repeating: " ", count: lead.count)
        for (index, item) in items.enumerated() {
            let piece = item + (index < items.count - 1 ? "," : "")
            if current.count + piece.count + 1 > columns, current != lead, current != indent {
                lines.append(current)
                current = indent
            }
            current += (current == lead || current == indent ? "" : " ") + piece
        }
        lines.append(current)
        return lines
    }
}

/// Connects two boxes with a smooth curve between facing sides; deterministic, so the same boxes
/// always give the same path.
enum EdgeRouter {
    static func route(from: DiagramRect, to: DiagramRect) -> [DiagramPoint] {
        let start: DiagramPoint, end: DiagramPoint, horizontal: Bool
        if to.x >= from.maxX {
            (start, end, horizontal) = (DiagramPoint(x: from.maxX, y: from.center.y), DiagramPoint(x: to.x, y: to.center.y), true)
        } else if to.maxX <= from.x {
            (start, end, horizontal) = (DiagramPoint(x: from.x, y: from.center.y), DiagramPoint(x: to.maxX, y: to.center.y), true)
        } else if to.y >= from.maxY {
            (start, end, horizontal) = (DiagramPoint(x: from.center.x, y: from.maxY), DiagramPoint(x: to.center.x, y: to.y), false)
        } else {
            (start, end, horizontal) = (DiagramPoint(x: from.center.x, y: from.y), DiagramPoint(x: to.center.x, y: to.maxY), false)
        }
        if horizontal {
            let middle = (start.x + end.x) / 2
            return [start, DiagramPoint(x: middle, y: start.y), DiagramPoint(x: middle, y: end.y), end]
        }
        let middle = (start.y + end.y) / 2
        return [start, DiagramPoint(x: start.x, y: middle), DiagramPoint(x: end.x, y: middle), end]
    }
}
