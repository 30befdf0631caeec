/// A problem found in a spec, addressed by key path and, once the loader has placed it, by file
/// position. Stable `code`s let tools and tests match problems without parsing messages.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    /// A second place that explains the first, such as the other half of an overlap.
    public struct Related: Sendable, Equatable {
        public var path: SpecPath
        public var location: SourceLocation?
        public var message: String

        public init(path: SpecPath, location: SourceLocation? = nil, message: String) {
            self.path = path
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    public var code: String
    public var message: String
    public var path: SpecPath
    public var location: SourceLocation?
    public var hint: String?
    public var related: [Related]

    public init(
        _ severity: Severity = .error, code: String, path: SpecPath, message: String,
        location: SourceLocation? = nil, hint: String? = nil, related: [Related] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.location = location
        self.hint = hint
        self.related = related
    }

    public static func error(
        _ code: String, at path: SpecPath, _ message: String, hint: String? = nil,
        related: [Related] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, path: path, message: message, hint: hint, related: related)
    }

    /// One-line form: `file:line:col: error: path: message`.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(path): \(message)"
    }

    /// The diagnostic as a JSON object for `--format json`.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("severity", .string(severity.rawValue)),
            ("code", .string(code)),
            ("path", .string(path.description)),
            ("message", .string(message)),
        ]
        if let location {
            pairs.append(("file", .string(location.file)))
            pairs.append(("line", .int(location.line)))
            pairs.append(("column", .int(location.column)))
        }
        if let hint { pairs.append(("hint", .string(hint))) }
        if !related.isEmpty {
            pairs.append(
                (
                    "related",
                    .array(
                        related.map { item in
                            var entry: [(String, JSONValue)] = [
                                ("path", .string(item.path.description)), ("message", .string(item.message)),
                            ]
                            if let location = item.location {
                                entry.append(("file", .string(location.file)))
                                entry.append(("line", .int(location.line)))
                                entry.append(("column", .int(location.column)))
                            }
                            return .object(entry)
                        })
                ))
        }
        return .object(pairs)
    }
}

extension Diagnostic {
    /// Orders diagnostics the way a reader scans a file: by position, then path.
    public static func byPosition(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: (l.file, l.line, l.column) < (r.file, r.line, r.column)
        case (_?, nil): true
        case (nil, _?): false
        default: (lhs.path.description, lhs.message) < (rhs.path.description, rhs.message)
        }
    }
}
