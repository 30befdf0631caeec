import Foundation
import PlinthDiagram
import Testing

/// `plinth diagram --view stacks --affected-since REF`: the stacks a change touches are marked in
/// every format, with a note line so the mark does not rest on colour, and nothing else moves.
@Suite("Stacks view: stacks a change touches are marked")
struct StacksHighlightTests {
    @Test func markedStacksCarryTheirNoteAndBorder() throws {
        let (diagrams, changed, downstream) = try DiagramFixture.highlighted()
        #expect(!downstream.isEmpty)
        let scene = diagrams.scene(.stacks)
        let drawn = scene.nodes.filter { !$0.decoration }
        #expect(drawn.filter { $0.highlight == .changed }.map(\.id) == ["stack-\(changed)"])
        #expect(Set(drawn.filter { $0.highlight == .downstream }.map(\.id)) == Set(downstream.map { "stack-\($0)" }))
        #expect(drawn.filter { $0.highlight == .changed }.map { $0.lines.last } == ["changed"])
        #expect(drawn.filter { $0.highlight == .downstream }.allSatisfy { $0.lines.last == "downstream of a change" })
        // The legend explains both marks, and the description names the stacks for a screen reader.
        #expect(Set(scene.nodes.filter(\.decoration).compactMap(\.highlight)) == [.changed, .downstream])
        #expect(scene.summary.contains("Changed: \(changed)."))

        let svg = diagrams.render(.stacks, as: .svg)
        // The changed box and its legend swatch; then every downstream box and its swatch.
        #expect(svg.components(separatedBy: "stroke=\"#dc2626\" stroke-width=\"3\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "stroke=\"#d97706\" stroke-width=\"2\"").count - 1 == downstream.count + 1)

        let mermaid = diagrams.render(.stacks, as: .mermaid)
        #expect(mermaid.contains("classDef changed stroke:#dc2626,stroke-width:3px\n"))
        #expect(mermaid.components(separatedBy: "\n").filter { $0.hasPrefix("  class ") && $0.hasSuffix(" changed") }.count == 1)
        #expect(MermaidGrammar.check(mermaid) == [])

        let dot = diagrams.render(.stacks, as: .dot)
        #expect(dot.components(separatedBy: "penwidth=3").count - 1 == 1)
    }

    @Test func markingMovesNothingAndOverlapsNothing() throws {
        let (diagrams, _, _) = try DiagramFixture.highlighted()
        let marked = diagrams.scene(.stacks)
        var plain = diagrams
        plain.highlighted = [:]
        let unmarked = plain.scene(.stacks)
        // Marked boxes grow by their note line; the boxes keep their order and columns.
        #expect(marked.nodes.filter { !$0.decoration }.map(\.id) == unmarked.nodes.filter { !$0.decoration }.map(\.id))
        #expect(marked.nodes.filter { !$0.decoration }.map(\.rect.x) == unmarked.nodes.filter { !$0.decoration }.map(\.rect.x))
        #expect(SceneGeometryTests.overlaps(marked.nodes.map(\.rect)).isEmpty)
        #expect(SceneGeometryTests.overlaps(marked.texts.map(\.rect)).isEmpty)
        // Without marks the bytes are those of the committed diagram.
        #expect(plain.render(.stacks, as: .svg) == (try DiagramFixture.diagrams(.committed).render(.stacks, as: .svg)))
    }
}
