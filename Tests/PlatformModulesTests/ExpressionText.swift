/// How an expression from a `.tf` file reads in a README table cell: on one line, as written.
enum ExpressionText {
    /// A type or default on one line. Each source line is trimmed and runs of white space outside
    /// strings become one space; lines join with ", " between items, with a space inside `{ }`
    /// and nothing inside `[ ]` and `( )`, and a trailing comma before a closing bracket goes.
    /// `list(object({\n  a = string\n  b = optional(number, 1)\n}))` reads
    /// `list(object({ a = string, b = optional(number, 1) }))`.
    static func oneLine(_ expression: String) -> String {
        let lines = expression.split(separator: "\n").map { collapsingSpaces($0.trimmingSpaces()) }.filter { !$0.isEmpty }
        var result = ""
        for line in lines {
            guard result.last != nil, let first = line.first else {
                result = line
                continue
            }
            if "}])".contains(first), result.last == "," { result.removeLast() }
            guard let previous = result.last else {
                result = line
                continue
            }
            if first == "}" || previous == "{" || previous == "," {
                result += " "
            } else if !"])".contains(first), !"[(".contains(previous) {
                result += ", "
            }
            result += line
        }
        return result
    }

    /// The text of a description: a quoted string decoded, or a heredoc's lines trimmed and joined
    /// with single spaces.
    static func description(_ expression: String) -> String {
        if expression.hasPrefix("<<") {
            var lines = expression.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            if !lines.isEmpty { lines.removeLast() }  // the closing marker
            return lines.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        return stringValue(expression) ?? expression
    }

    /// The value of a single quoted string literal (escapes decoded), or nil for anything else.
    static func stringValue(_ literal: String) -> String? {
        guard literal.count >= 2, literal.first == "\"", literal.last == "\"" else { return nil }
        var value = ""
        var escaping = false
        for character in literal.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil  // two literals or more, e.g. a conditional: not a plain string
            } else {
                value.append(character)
            }
        }
        return escaping ? nil : value
    }

    /// One space for every run of spaces and tabs outside quoted strings.
    private static func collapsingSpaces(_ line: String) -> String {
        var result = ""
        var inString = false
        var escaping = false
        for character in line {
            if inString {
                result.append(character)
                if escaping {
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == " " || character == "\t" {
                if result.last != " " { result.append(" ") }
            } else {
                if character == "\"" { inString = true }
                result.append(character)
            }
        }
        return result
    }
}
