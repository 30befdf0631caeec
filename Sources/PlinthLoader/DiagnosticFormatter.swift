import PlinthSpec

/// Formats diagnostics for people (compiler style, with the offending line) and for machines (JSON).
public struct DiagnosticFormatter: Sendable {
    /// Source text by file name, for the excerpt under each diagnostic.
    public var sources: [String: String]
    public var useColor: Bool

    public init(sources: [String: String] = [:], useColor: Bool = false) {
        self.sources = sources
        self.useColor = useColor
    }

    public func text(_ diagnostics: [Diagnostic]) -> String {
        var lines: [String] = []
        var cache: [String: [Substring]] = [:]
        func sourceLine(_ location: SourceLocation) -> Substring? {
            if cache[location.file] == nil, let text = sources[location.file] {
                cache[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let fileLines = cache[location.file], location.line >= 1, location.line <= fileLines.count else { return nil }
            return fileLines[location.line - 1]
        }
        for diagnostic in diagnostics {
            let severity = diagnostic.severity == .error ? paint("error", 31) : paint("warning", 33)
            let place = diagnostic.location.map { "\($0): " } ?? ""
            lines.append("\(place)\(severity): \(paint(diagnostic.path.description, 1)): \(diagnostic.message) [\(diagnostic.code)]")
            if let location = diagnostic.location, let line = sourceLine(location) {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                lines.append("  \(number) | \(line)")
                let caretOffset = max(0, min(location.column - 1, line.count))
                let padding = line.prefix(caretOffset).map { $0 == "\t" ? "\t" : " " }.joined()
                lines.append("  \(gutter) | \(padding)\(paint("^", 32))")
            }
            if let hint = diagnostic.hint { lines.append("  hint: \(hint)") }
            for related in diagnostic.related {
                let where_ = related.location.map { "\($0): " } ?? ""
                lines.append("  note: \(where_)\(related.path): \(related.message)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `{"valid": bool, "errors": n, "warnings": n, "diagnostics": [...]}`.
    public func json(_ diagnostics: [Diagnostic], file: String) -> JSONValue {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return .object([
            ("file", .string(file)),
            ("valid", .bool(errors == 0)),
            ("errors", .int(errors)),
            ("warnings", .int(diagnostics.count - errors)),
            ("diagnostics", .array(diagnostics.map(\.json))),
        ])
    }

    private func paint(_ text: String, _ code: Int) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
