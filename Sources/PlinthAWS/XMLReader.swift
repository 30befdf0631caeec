/// A small non-validating XML reader for AWS answers: elements, text, the five predefined entities
/// and character references, CDATA, comments, processing instructions and a DOCTYPE without an
/// internal subset. Attributes are skipped and prefixes dropped, as `XMLNode` ignores namespaces.
struct XMLReader {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(XMLParseError) -> XMLNode {
        var root: XMLNode?
        var stack: [XMLNode] = []
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let text = try characterData()
                if stack.isEmpty {
                    guard text.allSatisfy(\.isWhitespace) else { throw failure("text outside the root element") }
                } else {
                    stack[stack.count - 1].text += text
                }
                continue
            }
            if consume("<?") {
                try skip(past: "?>")
            } else if consume("<!--") {
                try skip(past: "-->")
            } else if consume("<![CDATA[") {
                let start = index
                try skip(past: "]]>")
                guard !stack.isEmpty else { throw failure("CDATA outside the root element") }
                stack[stack.count - 1].text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
            } else if consume("<!") {
                guard stack.isEmpty, root == nil else { throw failure("declaration inside the document") }
                try skip(past: ">")
            } else if consume("</") {
                let name = try self.name()
                skipWhitespace()
                guard consume(">") else { throw failure("malformed end tag </\(name)") }
                guard var node = stack.popLast(), node.name == name else { throw failure("end tag </\(name)> does not match") }
                close(&node, into: &stack, root: &root)
            } else {
                index += 1
                guard root == nil else { throw failure("a second root element") }
                let name = try self.name()
                let selfClosing = try skipAttributes()
                var node = XMLNode(name: name)
                if selfClosing { close(&node, into: &stack, root: &root) } else { stack.append(node) }
            }
        }
        guard stack.isEmpty else { throw failure("unclosed element <\(stack[stack.count - 1].name)>") }
        guard let root else { throw failure("no root element") }
        return root
    }

    private func close(_ node: inout XMLNode, into stack: inout [XMLNode], root: inout XMLNode?) {
        if !node.children.isEmpty { node.text = Self.trimmed(node.text) }
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }

    /// A name without its namespace prefix.
    private mutating func name() throws(XMLParseError) -> String {
        let start = index
        while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
        guard index > start else { throw failure("missing element name") }
        let qualified = String(decoding: bytes[start..<index], as: UTF8.self)
        return qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    /// Skips attributes up to the tag's end; true for `/>`.
    private mutating func skipAttributes() throws(XMLParseError) -> Bool {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                return false
            }
            if consume("/>") { return true }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != byte { advance() }
                guard index < bytes.count else { break }
            }
            advance()
        }
        throw failure("unterminated start tag")
    }

    /// Text up to the next `<`, with entity and character references replaced.
    private mutating func characterData() throws(XMLParseError) -> String {
        var out: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            guard bytes[index] == UInt8(ascii: "&") else {
                out.append(bytes[index])
                advance()
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ";")), end - index <= 10 else {
                throw failure("unterminated reference")
            }
            let reference = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            index = end + 1
            switch reference {
            case "amp": out.append(UInt8(ascii: "&"))
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let hex = reference.hasPrefix("#x") || reference.hasPrefix("#X")
                guard reference.hasPrefix("#"), let value = UInt32(reference.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                    let scalar = Unicode.Scalar(value)
                else { throw failure("unknown reference &\(reference);") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func consume(_ literal: String) -> Bool {
        let pattern = literal.utf8
        guard index + pattern.count <= bytes.count, bytes[index..<(index + pattern.count)].elementsEqual(pattern) else { return false }
        index += pattern.count
        return true
    }

    private mutating func skip(past terminator: String) throws(XMLParseError) {
        while index < bytes.count {
            if consume(terminator) { return }
            advance()
        }
        throw failure("unterminated construct")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { advance() }
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private func failure(_ detail: String) -> XMLParseError {
        XMLParseError(detail: detail, line: line)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
