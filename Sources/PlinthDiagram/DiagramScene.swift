/// A point in scene coordinates (pixels, origin top left).
public struct DiagramPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle; every drawn box and every run of text has one, so overlap is arithmetic.
public struct DiagramRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: DiagramPoint { DiagramPoint(x: x + width / 2, y: y + height / 2) }

    /// True when the two share area; rectangles that only touch along an edge do not overlap.
    public func overlaps(_ other: DiagramRect) -> Bool {
        let tolerance = 0.01
        return x < other.maxX - tolerance && other.x < maxX - tolerance && y < other.maxY - tolerance && other.y < maxY - tolerance
    }

    /// True when `other` lies within this rectangle.
    public func contains(_ other: DiagramRect) -> Bool {
        let tolerance = 0.01
        return other.x >= x - tolerance && other.y >= y - tolerance && other.maxX <= maxX + tolerance && other.maxY <= maxY + tolerance
    }
}

/// What a box or group stands for; the writers map it to colours (SVG), classes (Mermaid) and
/// attributes (dot), so every view draws the same kind of thing the same way.
public enum DiagramStyle: String, Sendable, CaseIterable {
    case region, environment, hub, spoke, gated, external, edgeService, privateLink
    case root, organizationalUnit, account, stack, wave, collapsed
    case supernet, used, pool, reserved, free, legend
}

/// Why a stack is marked in the stacks view: a change since a base revision touches it, or it only
/// reads the outputs of a stack that changed. Reviewers look at the first kind, then the second.
public enum DiagramHighlight: String, Sendable, CaseIterable {
    case changed, downstream

    /// The line a marked box carries, so the mark does not depend on colour alone.
    var note: String {
        switch self {
        case .changed: "changed"
        case .downstream: "downstream of a change"
        }
    }
}

/// A drawn box with one or more lines of text; the first line is its name.
public struct DiagramNode: Sendable, Equatable {
    public var id: String
    public var lines: [String]
    public var rect: DiagramRect
    public var style: DiagramStyle
    /// Innermost group that holds the node, if any.
    public var group: String?
    /// Fill colour that overrides the style's (the stacks view colours by account).
    public var fill: String?
    /// Whether the node's text is drawn; segments of an address bar too narrow for text carry theirs in the legend.
    public var showsText: Bool
    /// Lines only the graph formats (Mermaid, dot) add to the label, where there is no legend beside the picture.
    public var detail: [String] = []
    /// A legend swatch or an empty stretch of an address bar: drawn in SVG, left out of Mermaid and dot.
    public var decoration = false
    /// Marked as touched by a change (stacks view with `--affected-since`): a heavier, coloured border.
    public var highlight: DiagramHighlight?

    public init(
        id: String, lines: [String], rect: DiagramRect, style: DiagramStyle, group: String? = nil, fill: String? = nil,
        showsText: Bool = true
    ) {
        self.id = id
        self.lines = lines
        self.rect = rect
        self.style = style
        self.group = group
        self.fill = fill
        self.showsText = showsText
    }
}

/// A titled frame around nodes and other groups (a region, an OU, an apply wave).
public struct DiagramGroup: Sendable, Equatable {
    public var id: String
    public var title: String
    public var rect: DiagramRect
    public var style: DiagramStyle
    public var parent: String?

    public init(id: String, title: String, rect: DiagramRect, style: DiagramStyle, parent: String? = nil) {
        self.id = id
        self.title = title
        self.rect = rect
        self.style = style
        self.parent = parent
    }
}

/// A connection between two nodes; the layout fills in `points`, the path SVG draws.
public struct DiagramEdge: Sendable, Equatable {
    public var from: String
    public var to: String
    public var label: String?
    /// Drawn dashed: the connection is gated by a blocker.
    public var dashed: Bool
    /// Arrows at both ends (peering).
    public var bidirectional: Bool
    public var points: [DiagramPoint]

    public init(from: String, to: String, label: String? = nil, dashed: Bool = false, bidirectional: Bool = false) {
        self.from = from
        self.to = to
        self.label = label
        self.dashed = dashed
        self.bidirectional = bidirectional
        self.points = []
    }
}

/// Free text: the diagram's heading, group titles, legend entries, edge labels.
public struct DiagramLabel: Sendable, Equatable {
    public var text: String
    public var rect: DiagramRect
    public var fontSize: Double
    public var bold: Bool

    public init(text: String, at origin: DiagramPoint, fontSize: Double = DiagramMetrics.fontSize, bold: Bool = false) {
        self.text = text
        self.fontSize = fontSize
        self.bold = bold
        self.rect = DiagramRect(
            x: origin.x, y: origin.y, width: DiagramMetrics.textWidth(text, fontSize: fontSize), height: DiagramMetrics.lineHeight(fontSize)
        )
    }
}

/// One text run as it is drawn, with the node that owns it (nil for free labels and group titles).
public struct DiagramText: Sendable, Equatable {
    public var text: String
    public var rect: DiagramRect
    public var owner: String?
}

/// One view of the platform, laid out: everything the writers draw, with coordinates. Pure data,
/// so tests can check the geometry the SVG is written from.
public struct DiagramScene: Sendable, Equatable {
    public var title: String
    /// What the picture shows, in words: the SVG's `<desc>`, for screen readers.
    public var summary: String
    public var width: Double
    public var height: Double
    public var groups: [DiagramGroup]
    public var nodes: [DiagramNode]
    public var edges: [DiagramEdge]
    public var labels: [DiagramLabel]

    public init(
        title: String, summary: String, width: Double = 0, height: Double = 0, groups: [DiagramGroup] = [], nodes: [DiagramNode] = [],
        edges: [DiagramEdge] = [], labels: [DiagramLabel] = []
    ) {
        self.title = title
        self.summary = summary
        self.width = width
        self.height = height
        self.groups = groups
        self.nodes = nodes
        self.edges = edges
        self.labels = labels
    }

    /// Every run of text the SVG draws, where it is drawn: group titles, node lines, free labels.
    public var texts: [DiagramText] {
        var result: [DiagramText] = groups.map { group in
            DiagramText(text: group.title, rect: DiagramMetrics.groupTitleRect(group), owner: nil)
        }
        for node in nodes where node.showsText {
            for (index, line) in node.lines.enumerated() {
                result.append(DiagramText(text: line, rect: DiagramMetrics.lineRect(of: node, line: index), owner: node.id))
            }
        }
        result += labels.map { DiagramText(text: $0.text, rect: $0.rect, owner: nil) }
        return result
    }

    /// A titled row of swatches with their meaning at `origin`, wrapping at `width`.
    mutating func addLegend(title: String, at origin: DiagramPoint, width: Double, entries: [LegendEntry]) {
        let lineHeight = DiagramMetrics.lineHeight()
        labels.append(DiagramLabel(text: title, at: origin, bold: true))
        var x = origin.x, y = origin.y + lineHeight + 4
        for entry in entries {
            let room = 20 + DiagramMetrics.textWidth(entry.text) + 24
            if x + room > width, x > origin.x {
                x = origin.x
                y += lineHeight + 6
            }
            var swatch = DiagramNode(
                id: entry.id, lines: [""], rect: DiagramRect(x: x, y: y + 2, width: 14, height: lineHeight - 4), style: entry.style,
                fill: entry.fill, showsText: false)
            swatch.decoration = true
            swatch.highlight = entry.highlight
            nodes.append(swatch)
            labels.append(DiagramLabel(text: entry.text, at: DiagramPoint(x: x + 20, y: y)))
            x += room
        }
    }

    /// Fits the canvas around everything placed, with a margin, and routes the edges.
    mutating func finish() {
        // Frames are drawn outside in, so a region never paints over the environments inside it.
        let parents = Dictionary(groups.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        func depth(_ id: String?) -> Int {
            var level = 0, current = id
            while let next = current.flatMap({ parents[$0] }) ?? nil, level < groups.count {
                level += 1
                current = next
            }
            return level
        }
        groups = groups.enumerated().sorted { (depth($0.element.id), $0.offset) < (depth($1.element.id), $1.offset) }.map(\.element)
        let rects = groups.map(\.rect) + nodes.map(\.rect) + labels.map(\.rect)
        width = ((rects.map(\.maxX).max() ?? 0) + DiagramMetrics.margin).rounded(.up)
        height = ((rects.map(\.maxY).max() ?? 0) + DiagramMetrics.margin).rounded(.up)
        let byID = Dictionary(nodes.map { ($0.id, $0.rect) }, uniquingKeysWith: { first, _ in first })
        for index in edges.indices {
            guard let from = byID[edges[index].from], let to = byID[edges[index].to] else { continue }
            edges[index].points = EdgeRouter.route(from: from, to: to)
        }
    }
}

/// One swatch of a legend: the style (or fill) it shows and what that means.
struct LegendEntry {
    var id: String
    var style: DiagramStyle
    var fill: String? = nil
    var highlight: DiagramHighlight? = nil
    var text: String
}
