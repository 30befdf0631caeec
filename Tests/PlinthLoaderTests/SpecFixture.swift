import Foundation
import PlinthLoader
import PlinthSpec
import Testing

/// The repository's platform.yaml, mutated per test and loaded from a scratch directory, with a
/// record of that directory before and after so tests can assert that nothing was written.
struct SpecFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let baseline: String = (try? String(contentsOf: repositoryRoot.appendingPathComponent("platform.yaml"), encoding: .utf8)) ?? ""

    var text: String

    init(_ text: String = SpecFixture.baseline) { self.text = text }

    /// Replaces the `occurrence`-th (1-based) appearance of `old`; records an issue when absent,
    /// so a test whose mutation no longer applies fails instead of passing vacuously.
    func replacing(
        _ old: String, with new: String, occurrence: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> SpecFixture {
        guard let range = Self.range(of: old, in: text, occurrence: occurrence) else {
            Issue.record("mutation target '\(old)' (occurrence \(occurrence)) not found", sourceLocation: sourceLocation)
            return self
        }
        var copy = self
        copy.text.replaceSubrange(range, with: new)
        return copy
    }

    static func range(of needle: String, in text: String, occurrence: Int) -> Range<String.Index>? {
        var searchStart = text.startIndex
        var found: Range<String.Index>?
        for _ in 0..<occurrence {
            guard let range = text.range(of: needle, range: searchStart..<text.endIndex) else { return nil }
            found = range
            searchStart = range.upperBound
        }
        return found
    }

    /// 1-based line and column of the `occurrence`-th `needle`, plus `offset` characters.
    func position(of needle: String, occurrence: Int = 1, offset: Int = 0) -> (line: Int, column: Int)? {
        guard let range = Self.range(of: needle, in: text, occurrence: occurrence) else { return nil }
        let before = text[text.startIndex..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text.distance(from: lineStart, to: range.lowerBound) + 1 + offset)
    }

    /// Position of the value in `key: value` text.
    func valuePosition(of needle: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
        guard let colon = needle.range(of: ": ") else { return position(of: needle, occurrence: occurrence) }
        return position(of: needle, occurrence: occurrence, offset: needle.distance(from: needle.startIndex, to: colon.upperBound))
    }

    /// Writes the spec and the runbooks into a fresh directory, loads it, and checks the directory is unchanged.
    func load(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> LoadResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-spec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("docs/runbooks"), withIntermediateDirectories: true)
        let runbooks = Self.repositoryRoot.appendingPathComponent("docs/runbooks")
        for name in try FileManager.default.contentsOfDirectory(atPath: runbooks.path) {
            try FileManager.default.copyItem(
                at: runbooks.appendingPathComponent(name), to: directory.appendingPathComponent("docs/runbooks/\(name)"))
        }
        let file = directory.appendingPathComponent("platform.yaml")
        try Data(text.utf8).write(to: file)
        let before = try Self.snapshot(directory)
        let result = SpecLoader().load(path: file.path)
        let after = try Self.snapshot(directory)
        #expect(before == after, "loading must write nothing", sourceLocation: sourceLocation)
        return result
    }

    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in enumerator {
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            files[url.path] = isDirectory == true ? Data() : try Data(contentsOf: url)
        }
        return files
    }
}

/// Loads `fixture` and expects a diagnostic with exactly this code, path, position and message.
@discardableResult
func expectDiagnostic(
    _ fixture: SpecFixture, code: String, path: String, at position: (line: Int, column: Int)?,
    message: String, hint: String? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> LoadResult {
    let result = try fixture.load(sourceLocation: sourceLocation)
    #expect(result.spec == nil, "an invalid spec must not be returned", sourceLocation: sourceLocation)
    let matches = result.diagnostics.filter { $0.code == code && $0.path.description == path }
    guard let diagnostic = matches.first else {
        let got = result.diagnostics.map(\.description).joined(separator: "\n")
        Issue.record("no '\(code)' at \(path); got:\n\(got)", sourceLocation: sourceLocation)
        return result
    }
    #expect(diagnostic.message == message, sourceLocation: sourceLocation)
    if let position {
        #expect(diagnostic.location?.line == position.line, "line", sourceLocation: sourceLocation)
        #expect(diagnostic.location?.column == position.column, "column", sourceLocation: sourceLocation)
    } else {
        Issue.record("the expected position could not be computed from the fixture", sourceLocation: sourceLocation)
    }
    #expect(diagnostic.location?.file.hasSuffix("platform.yaml") == true, sourceLocation: sourceLocation)
    if let hint { #expect(diagnostic.hint == hint, sourceLocation: sourceLocation) }
    return result
}
