import Foundation
import PlinthSpec
import PlinthValidation

/// What loading a spec produced: the spec when it is valid, and every diagnostic, placed in the file.
public struct LoadResult: Sendable {
    public var spec: PlatformSpec?
    public var diagnostics: [Diagnostic]
    /// The document as read, so later stages can place their own findings with `location(of:)`.
    public var document: SpecNode?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Position of a path, or of the nearest enclosing path present in the document.
    public func location(of path: SpecPath) -> SourceLocation? {
        SpecLoader.nearestLocation(of: path, in: document)
    }
}

/// Reads `platform.yaml` and runs every check in one pass: YAML syntax, structure against the
/// schema, then semantic rules. Nothing is written, whatever the outcome.
public struct SpecLoader: Sendable {
    /// Directory that relative paths in the spec (runbooks) are resolved against.
    public var baseDirectory: String?

    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    /// Loads a file; a missing or unreadable file is itself a diagnostic.
    public func load(path: String) -> LoadResult {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return LoadResult(
                spec: nil,
                diagnostics: [
                    Diagnostic(
                        .error, code: exists ? "unreadable-file" : "missing-file", path: .root,
                        message: exists ? "cannot read \(path)" : "no such file: \(path)",
                        location: SourceLocation(file: path, line: 1, column: 1))
                ], document: nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LoadResult(
                spec: nil,
                diagnostics: [
                    Diagnostic(
                        .error, code: "yaml-encoding", path: .root,
                        message: "the file is not UTF-8 text", location: SourceLocation(file: path, line: 1, column: 1))
                ], document: nil)
        }
        var loader = self
        if loader.baseDirectory == nil { loader.baseDirectory = url.deletingLastPathComponent().path }
        return loader.load(yaml: text, file: path)
    }

    /// Loads YAML text; `file` is the name diagnostics carry.
    public func load(yaml text: String, file: String) -> LoadResult {
        let document: SpecNode
        switch YAMLDocument.parse(text, file: file) {
        case .failure(let diagnostics): return LoadResult(spec: nil, diagnostics: diagnostics, document: nil)
        case .document(let node): document = node
        }
        var context = DecodingContext()
        let decoded = PlatformSpec.decode(document, at: .root, in: &context)
        var diagnostics = context.diagnostics
        // The secret scan reads raw text, so it runs even when the structure is wrong.
        diagnostics += SecretValueScanner.scan(document)
        if let decoded {
            let base = baseDirectory
            let files = ValidationEnvironment(fileExists: { relative in
                let full = base.map { URL(fileURLWithPath: $0).appendingPathComponent(relative).path } ?? relative
                return FileManager.default.fileExists(atPath: full)
            })
            diagnostics += SpecValidator.validate(decoded, environment: files)
        }
        let placed = diagnostics.map { place($0, in: document) }.sorted(by: Diagnostic.byPosition)
        let hasErrors = placed.contains { $0.severity == .error }
        return LoadResult(spec: hasErrors ? nil : decoded, diagnostics: placed, document: document)
    }

    /// Gives a diagnostic the position of its path, or of the nearest enclosing path that has one.
    private func place(_ diagnostic: Diagnostic, in document: SpecNode) -> Diagnostic {
        var placed = diagnostic
        if placed.location == nil {
            // A missing key is shown at the key that holds the incomplete mapping.
            placed.location =
                diagnostic.code == "missing-key"
                ? diagnostic.path.parent.flatMap { parent in document.locate(parent).map { $0.key ?? $0.value } }
                : Self.nearestLocation(of: placed.path, in: document)
        }
        placed.related = placed.related.map { related in
            var copy = related
            if copy.location == nil { copy.location = Self.nearestLocation(of: copy.path, in: document) }
            return copy
        }
        return placed
    }

    static func nearestLocation(of path: SpecPath, in document: SpecNode?) -> SourceLocation? {
        document?.nearestLocation(of: path)
    }
}
