import PlinthDiagram
import Testing

@Suite("Graphviz dot output")
struct DotWriterTests {
    @Test(arguments: DiagramFixture.cases)
    func everyViewIsABalancedDigraphOfDeclaredNodes(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let diagrams = try DiagramFixture.diagrams(spec)
        let text = diagrams.render(view, as: .dot)
        #expect(text.hasPrefix("digraph \"") && text.hasSuffix("}\n"))
        var depth = 0, declared = Set<Substring>(), edges: [(Substring, Substring)] = []
        for raw in text.split(separator: "\n") {
            let line = raw.drop { $0 == " " }
            if line.hasSuffix("{") { depth += 1 } else if line == "}" { depth -= 1 }
            #expect(depth >= 0)
            if let arrow = line.range(of: " -> ") {
                let target = line[arrow.upperBound...].prefix { $0 != " " && $0 != ";" }
                edges.append((line[..<arrow.lowerBound], target))
            } else if line.hasPrefix("n_"), let space = line.firstIndex(of: " ") {
                declared.insert(line[..<space])
            }
        }
        #expect(depth == 0)
        let scene = diagrams.scene(view)
        #expect(declared.count == scene.nodes.filter { !$0.decoration }.count && edges.count == scene.edges.count)
        for (from, to) in edges { #expect(declared.contains(from) && declared.contains(to), "\(from) -> \(to)") }
        #expect(text.components(separatedBy: "subgraph cluster_").count - 1 == scene.groups.count)
    }

    @Test func stringsAreEscaped() {
        var scene = DiagramScene(title: "a \"b\" \\ c", summary: "")
        scene.nodes = [DiagramNode(id: "x", lines: ["one", "two \"2\""], rect: DiagramRect(x: 0, y: 0, width: 1, height: 1), style: .hub)]
        let text = DotWriter.dot(scene)
        #expect(text.hasPrefix("digraph \"a \\\"b\\\" \\\\ c\" {"))
        #expect(text.contains("n_x [label=\"one\\ntwo \\\"2\\\"\""))
    }
}
