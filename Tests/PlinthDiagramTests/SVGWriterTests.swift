import Foundation
import PlinthDiagram
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG: well-formed, self-contained, accessible, deterministic")
struct SVGWriterTests {
    @Test(arguments: DiagramFixture.cases)
    func parsesAsXMLWithTitleDescAndNothingFromElsewhere(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let svg = try DiagramFixture.diagrams(spec).render(view, as: .svg)
        let reader = ElementReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(reader.elements.first?.name == "svg")
        #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(reader.elements.dropFirst().first?.name == "title")
        #expect(reader.text["title"]?.isEmpty == false && reader.text["desc"]?.isEmpty == false)
        let allowed: Set<String> = ["svg", "title", "desc", "defs", "marker", "path", "rect", "g", "text"]
        #expect(Set(reader.elements.map(\.name)).isSubset(of: allowed), "\(Set(reader.elements.map(\.name)).subtracting(allowed))")
        for element in reader.elements {
            for (name, value) in element.attributes {
                #expect(!name.lowercased().hasPrefix("on"), "no event handlers: \(element.name) \(name)")
                #expect(!name.hasSuffix("href"), "no links or images: \(element.name) \(name)=\(value)")
                if value.contains("url(") {
                    #expect(value.hasPrefix("url(#"), "only references inside the file: \(element.name) \(name)=\(value)")
                }
            }
        }
        #expect(!svg.lowercased().contains("<script"))
        #expect(!svg.contains("@import") && !svg.contains("@font-face"))
    }

    @Test(arguments: DiagramView.allCases)
    func theSameSpecGivesTheSameBytes(_ view: DiagramView) throws {
        let first = try DiagramFixture.loadCommitted(), second = try DiagramFixture.loadCommitted()
        for format in DiagramFormat.allCases {
            #expect(first.render(view, as: format) == second.render(view, as: format), "\(view) \(format)")
        }
    }

    @Test func textIsEscapedAndNumbersArePlain() {
        var scene = DiagramScene(title: "a <b> & \"c\"", summary: "d & e")
        scene.nodes.append(DiagramNode(id: "x", lines: ["<script>"], rect: DiagramRect(x: 0.25, y: 1, width: 100, height: 30), style: .hub))
        let svg = SVGWriter.svg(scene)
        #expect(svg.contains("<title id=\"title\">a &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(svg.contains("&lt;script&gt;") && !svg.contains("<script"))
        #expect(svg.contains("x=\"0.3\"") || svg.contains("x=\"0.2\""))
    }

    /// The committed docs/diagrams/ is what `plinth render` writes for platform.yaml (also checked by `render --check`).
    @Test func committedDiagramsMatchTheSpec() throws {
        let files = try DiagramFixture.diagrams(.committed).committedFiles()
        #expect(Set(files.keys) == Set(DiagramView.allCases.map { "\($0.rawValue).svg" }))
        for (name, svg) in files {
            let url = DiagramFixture.repositoryRoot.appendingPathComponent("docs/diagrams/\(name)")
            let onDisk = try String(contentsOf: url, encoding: .utf8)
            #expect(onDisk == svg, "docs/diagrams/\(name) is stale: run `swift run plinth render`")
        }
    }
}

/// Collects every element with its attributes, and the text of `title` and `desc`.
final class ElementReader: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }
    var elements: [Element] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributes))
        current = elementName
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current, current == "title" || current == "desc" { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
