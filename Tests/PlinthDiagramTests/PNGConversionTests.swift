import Foundation
import PlinthDiagram
import Testing

/// A real renderer (librsvg's rsvg-convert, installed by scripts/install-test-deps) must turn every
/// view into a PNG: what browsers and GitHub draw is SVG that a real engine accepts.
@Suite("SVG to PNG with rsvg-convert")
struct PNGConversionTests {
    @Test(arguments: DiagramFixture.cases)
    func everyViewConverts(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let svg = try DiagramFixture.diagrams(spec).render(view, as: .svg)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-diagram-png-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("\(view).svg"), output = directory.appendingPathComponent("\(view).png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["rsvg-convert", "--format", "png", "--output", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "rsvg-convert failed (is librsvg2-bin installed? scripts/install-test-deps): \(message)")
        let png = try Data(contentsOf: output)
        #expect(png.count > 1000)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG signature")
        #expect(message.isEmpty, "rsvg-convert warned: \(message)")
    }
}
