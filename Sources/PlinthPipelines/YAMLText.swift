/// A small YAML tree with one way of writing each value, so rendered workflows are byte-for-byte
/// deterministic and `render --check` can compare them. Keys keep the order they were given in.
indirect enum YAMLText: Equatable {
    case scalar(String)
    /// A scalar followed by a `# comment` (the tag beside a pinned SHA).
    case commented(String, comment: String)
    case bool(Bool)
    case int(Int)
    case sequence([YAMLText])
    case mapping([(String, YAMLText)])

    static func == (lhs: YAMLText, rhs: YAMLText) -> Bool { lhs.render() == rhs.render() }

    /// The document, ending in a newline.
    func render() -> String {
        var lines: [String] = []
        write(into: &lines, indent: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    private func write(into lines: inout [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .mapping(let pairs):
            if pairs.isEmpty { lines.append(pad + "{}") }
            for (key, value) in pairs { value.writeValue(prefix: pad + Self.key(key) + ":", into: &lines, indent: indent) }
        case .sequence(let items):
            if items.isEmpty { lines.append(pad + "[]") }
            for item in items { item.writeItem(pad: pad, into: &lines, indent: indent) }
        default:
            lines.append(pad + inline)
        }
    }

    /// A value after `key:`, inline when it is a scalar or empty, else on the lines below.
    private func writeValue(prefix: String, into lines: inout [String], indent: Int) {
        switch self {
        case .mapping(let pairs) where !pairs.isEmpty:
            lines.append(prefix)
            write(into: &lines, indent: indent + 2)
        case .sequence(let items) where !items.isEmpty:
            lines.append(prefix)
            write(into: &lines, indent: indent + 2)
        case .scalar(let text) where text.contains("\n"):
            let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
            lines.append(prefix + (text.hasSuffix("\n") ? " |" : " |-"))
            let pad = String(repeating: " ", count: indent + 2)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line.isEmpty ? "" : pad + line)
            }
        default:
            lines.append(prefix + " " + inline)
        }
    }

    /// A sequence item: `- ` then the value, a mapping's first key on the dash line.
    private func writeItem(pad: String, into lines: inout [String], indent: Int) {
        switch self {
        case .mapping(let pairs) where !pairs.isEmpty:
            var nested: [String] = []
            YAMLText.mapping(pairs).write(into: &nested, indent: indent + 2)
            let inner = String(repeating: " ", count: indent + 2)
            for (index, line) in nested.enumerated() {
                lines.append(index == 0 ? pad + "- " + String(line.dropFirst(inner.count)) : line)
            }
        default:
            writeValue(prefix: pad + "-", into: &lines, indent: indent)
        }
    }

    private var inline: String {
        switch self {
        case .scalar(let text): return Self.quoted(text)
        case .commented(let text, let comment): return Self.quoted(text) + " # " + comment
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .sequence: return "[]"
        case .mapping: return "{}"
        }
    }

    private static func key(_ text: String) -> String { quoted(text) }

    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    /// Plain when the text cannot be read as anything but this string; double-quoted otherwise.
    static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            (scalar.value < 128 && (scalar.properties.isAlphabetic || (48...57).contains(scalar.value)))
                || "-_./@ ".unicodeScalars.contains(scalar)
        }
        let looksLikeNumber = Double(text) != nil || Int(text) != nil
        if safe, !text.isEmpty, !looksLikeNumber, !reserved.contains(text.lowercased()), text.first != " ", text.last != " ",
            text.first != "-", text.first != "@"
        {
            return text
        }
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}
