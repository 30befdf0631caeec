import CYaml
import PlinthSpec

/// Turns YAML text into a `SpecNode` tree with positions, straight from libyaml's event stream
/// (the C parser inside Yams): no intermediate tree, so large specs load quickly, and every
/// duplicate key is reported where it stands. Syntax errors become diagnostics, never throws.
public enum YAMLDocument {
    public enum Outcome: Sendable {
        case document(SpecNode)
        case failure([Diagnostic])
    }

    public static func parse(_ text: String, file: String) -> Outcome {
        var builder = TreeBuilder(file: file)
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        let failure: Diagnostic? = bytes.withUnsafeMutableBufferPointer { buffer -> Diagnostic? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1, let base = buffer.baseAddress else {
                return builder.diagnostic("yaml-syntax", "cannot start the YAML parser", line: 1, column: 1)
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return builder.syntaxError(parser)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let problem = builder.consume(event) { return problem }
            }
        }
        if let failure { return .failure([failure]) }
        guard let root = builder.root else {
            return .failure([builder.diagnostic("empty-document", "the file is empty", line: 1, column: 1)])
        }
        if !builder.duplicates.isEmpty { return .failure(builder.duplicates) }
        return .document(root)
    }
}

/// One collection still being read. A class, so appending to the innermost one mutates it in
/// place instead of copying its items on every event.
private final class OpenCollection {
    let isMapping: Bool
    let start: SourceLocation
    let anchor: String?
    var items: [SpecNode] = []
    var entries: [SpecNode.Entry] = []
    /// The key read last in a mapping, waiting for its value.
    var pendingKey: (text: String, location: SourceLocation)?
    /// First position of each key, built only once a mapping grows large; small mappings scan.
    var keyIndex: [String: SourceLocation]?

    init(isMapping: Bool, start: SourceLocation, anchor: String?) {
        self.isMapping = isMapping
        self.start = start
        self.anchor = anchor
    }

    var node: SpecNode { isMapping ? .mapping(entries, start) : .sequence(items, start) }

    /// Where `key` already stands in this mapping, if it does.
    func firstPosition(of key: String) -> SourceLocation? {
        if let keyIndex { return keyIndex[key] }
        if entries.count < 24 { return entries.first { $0.key == key }?.keyLocation }
        var index: [String: SourceLocation] = [:]
        for entry in entries where index[entry.key] == nil { index[entry.key] = entry.keyLocation }
        keyIndex = index
        return index[key]
    }
}

/// Assembles nodes from events with an explicit stack of open collections.
private struct TreeBuilder {
    let file: String
    var stack: [OpenCollection] = []
    var root: SpecNode?
    var anchors: [String: SpecNode] = [:]
    var documents = 0
    var duplicates: [Diagnostic] = []

    init(file: String) { self.file = file }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func diagnostic(_ code: String, _ message: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(.error, code: code, path: .root, message: message, location: SourceLocation(file: file, line: line, column: column))
    }

    func diagnostic(_ code: String, _ message: String, at mark: yaml_mark_t) -> Diagnostic {
        Diagnostic(.error, code: code, path: .root, message: message, location: location(mark))
    }

    func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            return diagnostic("yaml-encoding", "cannot read the file as text: \(problem)", line: 1, column: 1)
        }
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1))"
        }
        return diagnostic("yaml-syntax", message, at: parser.problem_mark)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Handles one event; returns a diagnostic for structures the spec does not allow.
    mutating func consume(_ event: yaml_event_t) -> Diagnostic? {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return diagnostic("yaml-multiple-documents", "the spec is one YAML document; found a second one", at: event.start_mark)
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, length: scalar.length) ?? ""
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            let here = location(event.start_mark)
            let node: SpecNode =
                plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
                ? .null(here) : .scalar(text, isPlain: plain, here)
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = node }
            return add(node, keyText: text, mark: event.start_mark)
        case YAML_ALIAS_EVENT:
            guard let name = Self.string(event.data.alias.anchor), let node = anchors[name] else {
                return diagnostic("yaml-syntax", "invalid YAML: found undefined alias", at: event.start_mark)
            }
            return add(node, keyText: nil, mark: event.start_mark)
        case YAML_SEQUENCE_START_EVENT:
            stack.append(
                OpenCollection(
                    isMapping: false, start: location(event.start_mark),
                    anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            stack.append(
                OpenCollection(
                    isMapping: true, start: location(event.start_mark),
                    anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let open = stack.popLast() else { return nil }
            let node = open.node
            if let anchor = open.anchor { anchors[anchor] = node }
            return add(node, keyText: nil, mark: event.start_mark)
        default:
            break
        }
        return nil
    }

    /// The key path of the collection being filled: each open mapping contributes the key whose
    /// value is being read, each open sequence the index of the item being read.
    var openPath: SpecPath {
        var path = SpecPath.root
        for open in stack {
            if open.isMapping {
                if let key = open.pendingKey { path = path + key.text }
            } else {
                path = path + open.items.count
            }
        }
        return path
    }

    /// Places a finished node into the open collection, as a key or a value, or as the root.
    mutating func add(_ node: SpecNode, keyText: String?, mark: yaml_mark_t) -> Diagnostic? {
        guard let open = stack.last else {
            root = node
            return nil
        }
        guard open.isMapping else {
            open.items.append(node)
            return nil
        }
        if let key = open.pendingKey {
            open.entries.append(SpecNode.Entry(key: key.text, keyLocation: key.location, value: node))
            if open.keyIndex != nil, open.keyIndex?[key.text] == nil { open.keyIndex?[key.text] = key.location }
            open.pendingKey = nil
            return nil
        }
        let isKeyLike: Bool
        switch node {
        case .scalar, .null: isKeyLike = true
        case .mapping, .sequence: isKeyLike = false
        }
        guard isKeyLike, let key = keyText else {
            return diagnostic("yaml-complex-key", "mapping keys must be plain words, not lists or mappings", at: mark)
        }
        if let first = open.firstPosition(of: key) {
            // The open collection is on the stack, so its own key is not part of the path yet.
            stack.removeLast()
            duplicates.append(
                Diagnostic(
                    .error, code: "duplicate-key", path: openPath + key,
                    message: "duplicate key '\(key)': it already appears at line \(first.line)",
                    location: node.location))
            stack.append(open)
        }
        open.pendingKey = (key, node.location)
        return nil
    }
}
