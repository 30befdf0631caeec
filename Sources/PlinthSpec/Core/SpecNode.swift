/// The document as read from a file, reduced to what decoding needs: scalars, mappings and
/// sequences with their positions. Keeping this independent of any YAML library leaves the model
/// target free of I/O and lets tests build documents directly.
public indirect enum SpecNode: Sendable {
    /// A scalar; `isPlain` is false for quoted scalars, which never read as numbers or booleans.
    case scalar(String, isPlain: Bool, SourceLocation)
    case mapping([Entry], SourceLocation)
    case sequence([SpecNode], SourceLocation)
    case null(SourceLocation)

    /// One key of a mapping, with the key's own position for "unknown key" reports.
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SpecNode

        public init(key: String, keyLocation: SourceLocation, value: SpecNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let location), .mapping(_, let location), .sequence(_, let location), .null(let location):
            location
        }
    }

    /// How the node reads in a message: "a mapping", "the string 'abc'".
    public var kindDescription: String {
        switch self {
        case .scalar(let text, let plain, _):
            plain && (Int(text) != nil || Double(text) != nil)
                ? "the number \(text)"
                : plain && (text == "true" || text == "false")
                    ? "the boolean \(text)"
                    : "the string '\(text.count > 40 ? String(text.prefix(37)) + "..." : text)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .null: "null"
        }
    }

    /// Where `path` stands: the value's position and, when a key introduced it, the key's. Nil when
    /// the path is not in the document. Walks the tree, so it is for reporting, not for hot loops.
    public func locate(_ path: SpecPath) -> (value: SourceLocation, key: SourceLocation?)? {
        var node = self
        var key: SourceLocation?
        for component in path.components {
            switch (component, node) {
            case let (.key(name), .mapping(entries, _)):
                guard let entry = entries.first(where: { $0.key == name }) else { return nil }
                node = entry.value
                key = entry.keyLocation
            case let (.index(offset), .sequence(items, _)):
                guard items.indices.contains(offset) else { return nil }
                node = items[offset]
                key = nil
            default:
                return nil
            }
        }
        return (node.location, key)
    }

    /// Position of a path, or of the nearest enclosing path the document has: where a finding about
    /// a key that defaults (absent from the file) is best shown.
    public func nearestLocation(of path: SpecPath) -> SourceLocation? {
        var current: SpecPath? = path
        while let candidate = current {
            if let found = locate(candidate) { return found.value }
            current = candidate.parent
        }
        return nil
    }

    /// Visits every scalar with its path; used by whole-document rules such as the secret scan.
    public func forEachScalar(path: SpecPath = .root, _ body: (String, SpecPath, SourceLocation) -> Void) {
        switch self {
        case .scalar(let text, _, let location): body(text, path, location)
        case .mapping(let entries, _):
            for entry in entries { entry.value.forEachScalar(path: path + entry.key, body) }
        case .sequence(let items, _):
            for (index, item) in items.enumerated() { item.forEachScalar(path: path + index, body) }
        case .null: break
        }
    }
}
