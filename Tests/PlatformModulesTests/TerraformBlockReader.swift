/// One top-level block of a `.tf` file, e.g. `variable "name" { … }`, with the source text of each
/// attribute set directly in its body (nested blocks such as `validation` are passed over).
struct TerraformBlock: Equatable {
    let type: String
    let name: String
    /// Attribute name -> expression source, comments removed, as written (possibly several lines).
    let attributes: [String: String]
}

/// Reads the top-level blocks of Terraform's native syntax, enough to list a module's variables and
/// outputs: it knows strings (with `${…}` templates), heredocs, comments and bracket nesting, and
/// does not evaluate anything.
struct TerraformBlockReader {
    private let characters: [Character]
    private var index = 0

    /// The blocks of the given type (`variable`, `output`) in file order.
    static func blocks(ofType type: String, in text: String) -> [TerraformBlock] {
        var reader = TerraformBlockReader(characters: Array(text))
        return reader.readFile().filter { $0.type == type }
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func readFile() -> [TerraformBlock] {
        var blocks: [TerraformBlock] = []
        while true {
            skipTrivia(newlines: true)
            guard current != nil else { return blocks }
            let type = readIdentifier()
            guard !type.isEmpty else {
                index += 1  // not Terraform syntax this reader knows; step over it
                continue
            }
            skipTrivia(newlines: false)
            if current == "=" {
                index += 1
                _ = readExpression()
                continue
            }
            var labels: [String] = []
            while let character = current, character != "{" {
                if character == "\"" {
                    labels.append(decodedString(readStringLiteral()))
                } else if character == "\n" {
                    break
                } else {
                    index += 1
                }
                skipTrivia(newlines: false)
            }
            guard current == "{" else { continue }
            index += 1
            let attributes = readBody()
            blocks.append(TerraformBlock(type: type, name: labels.first ?? "", attributes: attributes))
        }
    }

    /// Reads a block body after its `{` up to and including the matching `}`.
    private mutating func readBody() -> [String: String] {
        var attributes: [String: String] = [:]
        while true {
            skipTrivia(newlines: true)
            guard let character = current else { return attributes }
            if character == "}" {
                index += 1
                return attributes
            }
            let name = readIdentifier()
            guard !name.isEmpty else {
                index += 1
                continue
            }
            skipTrivia(newlines: false)
            if current == "=" {
                index += 1
                attributes[name] = readExpression()
            } else {
                // A nested block: labels, then a body whose attributes are not this block's.
                while let next = current, next != "{", next != "\n" {
                    if next == "\"" { _ = readStringLiteral() } else { index += 1 }
                }
                if current == "{" {
                    index += 1
                    _ = readBody()
                }
            }
        }
    }

    private mutating func readIdentifier() -> String {
        var name = ""
        while let character = current, character.isLetter || character.isNumber || character == "_" || character == "-" {
            name.append(character)
            index += 1
        }
        return name
    }

    /// Spaces and comments; newlines too when asked.
    private mutating func skipTrivia(newlines: Bool) {
        while let character = current {
            if character == " " || character == "\t" || character == "\r" || (newlines && character == "\n") {
                index += 1
            } else if character == "#" || (character == "/" && peek(1) == "/") {
                while let next = current, next != "\n" { index += 1 }
            } else if character == "/" && peek(1) == "*" {
                skipBlockComment()
            } else {
                return
            }
        }
    }

    private mutating func skipBlockComment() {
        index += 2
        while current != nil, !(current == "*" && peek(1) == "/") { index += 1 }
        index = min(index + 2, characters.count)
    }

    /// An attribute's expression: up to the end of the line where every bracket is closed.
    private mutating func readExpression() -> String {
        var text = ""
        var depth = 0
        while let character = current {
            switch character {
            case "\n" where depth == 0:
                return text.trimmingSpaces()
            case "\"":
                text += readStringLiteral()
            case "<" where peek(1) == "<":
                text += readHeredoc()
            case "#":
                while let next = current, next != "\n" { index += 1 }
            case "/" where peek(1) == "/":
                while let next = current, next != "\n" { index += 1 }
            case "/" where peek(1) == "*":
                skipBlockComment()
            default:
                if "([{".contains(character) { depth += 1 }
                if ")]}".contains(character) {
                    if depth == 0 { return text.trimmingSpaces() }  // the enclosing block's brace
                    depth -= 1
                }
                text.append(character)
                index += 1
            }
        }
        return text.trimmingSpaces()
    }

    /// A quoted string as written, quotes included; `${…}` templates may hold strings of their own.
    private mutating func readStringLiteral() -> String {
        var text = "\""
        index += 1
        var templateDepth = 0
        while let character = current {
            if templateDepth > 0 {
                if character == "\"" {
                    text += readStringLiteral()
                    continue
                }
                if character == "{" { templateDepth += 1 }
                if character == "}" { templateDepth -= 1 }
                text.append(character)
                index += 1
                continue
            }
            text.append(character)
            index += 1
            if character == "\\", let escaped = current {
                text.append(escaped)
                index += 1
            } else if character == "$" && current == "{" {
                text.append("{")
                index += 1
                templateDepth = 1
            } else if character == "\"" || character == "\n" {
                break
            }
        }
        return text
    }

    /// `<<EOT` or `<<-EOT` through the line holding only the marker, as written.
    private mutating func readHeredoc() -> String {
        var header = ""
        while let character = current, character != "\n" {
            header.append(character)
            index += 1
        }
        let marker = header.drop(while: { "<-~".contains($0) }).trimmingSpaces()
        var text = header
        if current == "\n" { index += 1 }
        while current != nil {
            var line = ""
            while let character = current, character != "\n" {
                line.append(character)
                index += 1
            }
            text += "\n" + line
            if line.trimmingSpaces() == marker { break }
            if current == "\n" { index += 1 }
        }
        return text
    }

    private func decodedString(_ literal: String) -> String {
        ExpressionText.stringValue(literal) ?? literal
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
