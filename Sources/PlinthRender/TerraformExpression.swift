import PlinthSpec

/// Builds JSON values for Terraform's JSON syntax, where every string is a template: literal text
/// from the spec is escaped so `${` or `%{` in a description can never become an interpolation, and
/// references are written deliberately as `${...}`.
enum TerraformExpression {
    /// A literal string, with template sequences escaped.
    static func literal(_ text: String) -> JSONValue {
        guard hasTemplateSequence(text) else { return .string(text) }
        return .string(text.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{"))
    }

    /// Whether `${` or `%{` occurs: a byte scan, since nearly every literal has neither and a
    /// Foundation substring search per literal was a tenth of rendering a large spec.
    static func hasTemplateSequence(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "$") || previous == UInt8(ascii: "%") { return true }
            previous = byte
        }
        return false
    }

    /// A Terraform expression such as `module.network.vpc_id`, wrapped as `${...}`.
    static func reference(_ expression: String) -> JSONValue { .string("${" + expression + "}") }

    /// A list of literal strings.
    static func literals(_ items: [String]) -> JSONValue { .array(items.map(literal)) }

    /// An object of literal strings, keys sorted.
    static func literalMap(_ map: [String: String]) -> JSONValue {
        .object(map.keys.sorted().map { ($0, literal(map[$0] ?? "")) })
    }
}

extension JSONValue {
    /// The same value with every object's keys sorted, recursively, so output never depends on the
    /// order code happened to add keys in.
    func sortedKeys() -> JSONValue {
        switch self {
        case .object(let pairs): .object(pairs.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.sortedKeys()) })
        case .array(let items): .array(items.map { $0.sortedKeys() })
        default: self
        }
    }
}
