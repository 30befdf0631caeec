import Foundation
import PlinthDiagram
import Testing

/// Mermaid's own parser (Mermaid 11.11 as bundled by PyPI's mermaid-parser-py, run with node; both
/// installed by scripts/install-test-deps) must accept every view. The output is also checked
/// against the flowchart grammar Mermaid documents, so a failure names the line and the rule, and
/// against the size limits GitHub applies.
@Suite("Mermaid: Mermaid's parser, the documented flowchart grammar and GitHub's limits")
struct MermaidWriterTests {
    @Test func mermaidsOwnParserAcceptsEveryView() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-mermaid-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (spec, view) in DiagramFixture.cases {
            let url = directory.appendingPathComponent("\(spec)-\(view).mmd")
            try Data(try DiagramFixture.diagrams(spec).render(view, as: .mermaid).utf8).write(to: url)
            files.append(url.path)
        }
        let marked = directory.appendingPathComponent("committed-stacks-affected.mmd")
        try Data(try DiagramFixture.highlighted().diagrams.render(.stacks, as: .mermaid).utf8).write(to: marked)
        files.append(marked.path)
        let locate = try MermaidParser.run(
            "python3",
            [
                "-c",
                "import importlib.util, os; s = importlib.util.find_spec('mermaid_parser'); print(os.path.join(s.submodule_search_locations[0], 'js', 'parser.bundle.js') if s else '')",
            ])
        let bundle = locate.output.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(FileManager.default.fileExists(atPath: bundle), "mermaid-parser-py is not installed: run scripts/install-test-deps")
        let script = directory.appendingPathComponent("parse.js")
        try Data(MermaidParser.script.utf8).write(to: script)
        // One broken file shows the parser really checks: it alone must fail.
        let broken = directory.appendingPathComponent("broken.mmd")
        try Data("flowchart LR\n  a[\"x\" y\"]\n".utf8).write(to: broken)
        let result = try MermaidParser.run("node", [script.path, bundle] + files + [broken.path])
        let lines = result.output.components(separatedBy: "\n")
        #expect(Set(lines.filter { $0.hasPrefix("ok ") }) == Set(files.map { "ok \($0)" }), "\(result.output)")
        #expect(lines.filter { $0.hasPrefix("FAIL ") }.map { $0.hasPrefix("FAIL \(broken.path): ") } == [true], "\(result.output)")
    }

    @Test(arguments: DiagramFixture.cases)
    func everyViewFollowsTheFlowchartGrammar(_ spec: DiagramFixture.Spec, _ view: DiagramView) throws {
        let diagrams = try DiagramFixture.diagrams(spec)
        let text = diagrams.render(view, as: .mermaid)
        let problems = MermaidGrammar.check(text)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        let scene = diagrams.scene(view)
        let summary = MermaidGrammar.summary(text)
        #expect(summary.nodes == scene.nodes.filter { !$0.decoration }.count)
        #expect(summary.subgraphs == scene.groups.count && summary.links == scene.edges.count)
        // GitHub's renderer refuses diagrams over 50,000 characters or 500 edges.
        #expect(text.utf8.count < 50_000, "\(text.utf8.count) characters")
        #expect(summary.links <= 500)
    }

    @Test func labelsAreQuotedAndEscaped() {
        var scene = DiagramScene(title: "t", summary: "s")
        let rect = DiagramRect(x: 0, y: 0, width: 10, height: 10)
        scene.nodes = [
            DiagramNode(id: "end", lines: ["say \"hi\" <b>", "#1"], rect: rect, style: .hub),
            DiagramNode(id: "a/b", lines: ["x"], rect: rect, style: .gated),
            DiagramNode(id: "a_b", lines: ["y"], rect: rect, style: .gated),
        ]
        scene.edges = [DiagramEdge(from: "end", to: "a/b", label: "p|q", dashed: true)]
        let text = MermaidWriter.mermaid(scene)
        #expect(MermaidGrammar.check(text).isEmpty, "\(MermaidGrammar.check(text))")
        #expect(text.contains("n_end[\"say #quot;hi#quot; #lt;b#gt;<br/>#35;1\"]"))
        #expect(text.contains("n_a_b[\"x\"]") && text.contains("n_a_b_2[\"y\"]"))
        #expect(text.contains("n_end -.->|\"p#124;q\"| n_a_b"))
    }

    @Test func theCheckerRejectsWhatMermaidRejects() {
        #expect(!MermaidGrammar.check("graph\n").isEmpty)
        #expect(!MermaidGrammar.check("flowchart LR\n  a[\"x\"]\n  subgraph g[\"t\"]\n").isEmpty, "unclosed subgraph")
        #expect(!MermaidGrammar.check("flowchart LR\n  end[\"x\"]\n").isEmpty, "end as a node id")
        #expect(!MermaidGrammar.check("flowchart LR\n  a[\"x \" y\"]\n").isEmpty, "raw quote in a label")
        #expect(!MermaidGrammar.check("flowchart LR\n  a[\"x\"]\n  a --> b\n").isEmpty, "link to an undeclared node")
        #expect(!MermaidGrammar.check("flowchart LR\n  a[\"x\"]\n  class a nope\n").isEmpty, "class never defined")
    }
}

/// Runs Mermaid's parser over files: one node process for all of them, one line per file.
enum MermaidParser {
    static let script = """
        const parse = require(process.argv[2]);
        const fs = require('fs');
        (async () => {
          let failed = 0;
          for (const file of process.argv.slice(3)) {
            try { await parse(fs.readFileSync(file, 'utf8')); console.log('ok ' + file); }
            catch (e) { failed++; console.log('FAIL ' + file + ': ' + String(e.message || e).split('\\n').join(' ')); }
          }
          process.exit(failed ? 1 : 0);
        })();
        """

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

/// The subset of Mermaid's documented flowchart syntax Plinth writes, as a line checker.
enum MermaidGrammar {
    static let directions: Set<String> = ["TB", "TD", "BT", "RL", "LR"]
    static let links = ["<-.->", "<-->", "-.->", "-->"]

    static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text != "end" && text != "subgraph" && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// A quoted label body: no raw quote; angle brackets only as `<br/>`.
    static func isLabel(_ text: Substring) -> Bool {
        !text.contains("\"") && !text.replacingOccurrences(of: "<br/>", with: "").contains(where: { $0 == "<" || $0 == ">" })
    }

    /// `ID["label"]` split into id and label, or nil.
    static func declaration(_ text: Substring) -> (Substring, Substring)? {
        guard let open = text.firstIndex(of: "["), text.hasSuffix("\"]") else { return nil }
        let id = text[..<open], rest = text[text.index(after: open)...]
        guard rest.hasPrefix("\""), rest.count >= 3 else { return nil }
        return (id, rest.dropFirst().dropLast(2))
    }

    static func check(_ text: String) -> [String] {
        var problems: [String] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let header = lines.first?.split(separator: " ") ?? []
        guard header.count == 2, header[0] == "flowchart", directions.contains(String(header[1])) else {
            return ["first line must be `flowchart DIR`"]
        }
        var declared = Set<Substring>(), classes = Set<Substring>(), depth = 0
        var pendingClasses: [(Substring, [Substring])] = []
        for (number, raw) in lines.enumerated().dropFirst() {
            let line = raw.drop { $0 == " " }
            func fail(_ why: String) { problems.append("line \(number + 1): \(why): \(raw)") }
            if line.hasPrefix("%%") { continue }
            if line == "end" {
                depth -= 1
                if depth < 0 { fail("end without subgraph") }
                continue
            }
            if line.hasPrefix("subgraph ") {
                guard let (id, label) = declaration(line.dropFirst("subgraph ".count)), isIdentifier(id), isLabel(label) else {
                    fail("subgraph needs ID[\"title\"]")
                    continue
                }
                if !declared.insert(id).inserted { fail("id declared twice") }
                depth += 1
                continue
            }
            if line.hasPrefix("classDef ") {
                let parts = line.split(separator: " ", maxSplits: 2)
                guard parts.count == 3, isIdentifier(parts[1]), parts[2].contains(":") else {
                    fail("classDef NAME style")
                    continue
                }
                classes.insert(parts[1])
                continue
            }
            if line.hasPrefix("class ") {
                let parts = line.split(separator: " ")
                guard parts.count == 3 else {
                    fail("class IDS NAME")
                    continue
                }
                pendingClasses.append((parts[2], parts[1].split(separator: ",")))
                continue
            }
            if let link = links.first(where: { line.contains(" \($0)") }) {
                let sides = line.components(separatedBy: " \(link)")
                guard sides.count == 2 else {
                    fail("one link per line")
                    continue
                }
                var right = Substring(sides[1])
                if right.hasPrefix("|\"") {
                    guard let close = right.range(of: "\"| ") else {
                        fail("link label must be |\"text\"|")
                        continue
                    }
                    if !isLabel(right[right.index(right.startIndex, offsetBy: 2)..<close.lowerBound]) { fail("bad link label") }
                    right = right[close.upperBound...]
                } else {
                    right = right.drop { $0 == " " }
                }
                for id in [Substring(sides[0]), right] where !declared.contains(id) { fail("link to undeclared node \(id)") }
                continue
            }
            guard let (id, label) = declaration(line), isIdentifier(id), isLabel(label) else {
                fail("not a node declaration ID[\"label\"]")
                continue
            }
            if !declared.insert(id).inserted { fail("id declared twice") }
        }
        if depth != 0 { problems.append("\(depth) subgraph(s) not closed with end") }
        for (name, ids) in pendingClasses {
            if !classes.contains(name) { problems.append("class \(name) is never defined") }
            for id in ids where !declared.contains(id) { problems.append("class names undeclared node \(id)") }
        }
        return problems
    }

    static func summary(_ text: String) -> (nodes: Int, subgraphs: Int, links: Int) {
        var nodes = 0, subgraphs = 0, linkCount = 0
        for raw in text.split(separator: "\n").dropFirst() {
            let line = raw.drop { $0 == " " }
            if line.hasPrefix("subgraph ") {
                subgraphs += 1
            } else if links.contains(where: { line.contains(" \($0)") }) {
                linkCount += 1
            } else if declaration(line) != nil {
                nodes += 1
            }
        }
        return (nodes, subgraphs, linkCount)
    }
}
