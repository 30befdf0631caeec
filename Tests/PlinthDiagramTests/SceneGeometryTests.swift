import PlinthDiagram
import Testing

/// A layout that overlaps boxes or text is a bug: these checks read the coordinates every writer draws from.
@Suite("Diagram layout: nothing drawn overlaps, everything fits its frame")
struct SceneGeometryTests {
    @Test(arguments: DiagramFixture.cases)
    func noTwoBoxesOverlap(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let scene = try DiagramFixture.diagrams(spec).scene(view)
        #expect(!scene.nodes.isEmpty)
        let overlapping = Self.overlaps(scene.nodes.map(\.rect))
        #expect(overlapping.isEmpty, "\(overlapping.prefix(3).map { "\(scene.nodes[$0.0].id) / \(scene.nodes[$0.1].id)" })")
    }

    @Test(arguments: DiagramFixture.cases)
    func noTwoTextsOverlapAndNoTextCrossesAnotherBox(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let scene = try DiagramFixture.diagrams(spec).scene(view)
        let texts = scene.texts
        let overlapping = Self.overlaps(texts.map(\.rect))
        #expect(overlapping.isEmpty, "\(overlapping.prefix(3).map { "'\(texts[$0.0].text)' / '\(texts[$0.1].text)'" })")
        for text in texts {
            for node in scene.nodes where node.id != text.owner && node.rect.overlaps(text.rect) {
                Issue.record("'\(text.text)' runs over \(node.id)")
            }
        }
        for node in scene.nodes where node.showsText {
            for (index, line) in node.lines.enumerated() {
                #expect(node.rect.contains(DiagramMetrics.lineRect(of: node, line: index)), "'\(line)' does not fit \(node.id)")
            }
        }
    }

    @Test(arguments: DiagramFixture.cases)
    func groupsNestAndHoldTheirNodes(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let scene = try DiagramFixture.diagrams(spec).scene(view)
        let groups = Dictionary(uniqueKeysWithValues: scene.groups.map { ($0.id, $0) })
        #expect(groups.count == scene.groups.count, "group ids are unique")
        #expect(Set(scene.nodes.map(\.id)).count == scene.nodes.count, "node ids are unique")
        let canvas = DiagramRect(x: 0, y: 0, width: scene.width, height: scene.height)
        for node in scene.nodes {
            #expect(canvas.contains(node.rect))
            if let group = node.group {
                let frame = try #require(groups[group], "\(node.id) names a group that exists")
                #expect(frame.rect.contains(node.rect), "\(node.id) lies inside \(group)")
            }
        }
        for group in scene.groups {
            #expect(canvas.contains(group.rect))
            if let parent = group.parent { #expect(groups[parent]?.rect.contains(group.rect) == true, "\(group.id) inside \(parent)") }
        }
        let siblings = Dictionary(grouping: scene.groups, by: { $0.parent ?? "" })
        for (_, members) in siblings {
            let overlapping = Self.overlaps(members.map(\.rect))
            #expect(overlapping.isEmpty, "\(overlapping.prefix(3).map { "\(members[$0.0].id) / \(members[$0.1].id)" })")
        }
        let ids = Set(scene.nodes.map(\.id))
        for edge in scene.edges {
            #expect(ids.contains(edge.from) && ids.contains(edge.to), "edge \(edge.from) -> \(edge.to) joins drawn nodes")
            #expect(edge.points.count == 4)
        }
    }

    /// Pairs of overlapping rectangles, found by a sweep over x so thousands of texts stay cheap.
    static func overlaps(_ rects: [DiagramRect]) -> [(Int, Int)] {
        let order = rects.indices.sorted { rects[$0].x < rects[$1].x }
        var found: [(Int, Int)] = []
        for (position, index) in order.enumerated() {
            for other in order[(position + 1)...] {
                if rects[other].x >= rects[index].maxX { break }
                if rects[index].overlaps(rects[other]) { found.append((min(index, other), max(index, other))) }
            }
        }
        return found
    }
}
