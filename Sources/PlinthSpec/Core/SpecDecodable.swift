/// A value that can be read from a spec node and described by a JSON Schema. One conformance
/// gives decoding with locations, "did you mean" for unknown keys and the published schema, so
/// the three cannot drift apart.
public protocol SpecDecodable: Sendable {
    /// Decodes the value or returns nil after reporting every problem found inside it.
    static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Self?
    /// The JSON Schema of the value, for editors and `plinth schema`.
    static var schema: JSONValue { get }
}

extension String: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> String? {
        guard case .scalar(let text, _, _) = node else { return context.typeMismatch(expected: "a string", found: node, at: path) }
        return text
    }
    public static var schema: JSONValue { ["type": "string"] }
}

extension Int: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Int? {
        guard case .scalar(let text, true, _) = node, let value = Int(text) else {
            return context.typeMismatch(expected: "a whole number", found: node, at: path)
        }
        return value
    }
    public static var schema: JSONValue { ["type": "integer"] }
}

extension Double: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Double? {
        guard case .scalar(let text, true, _) = node, let value = Double(text), value.isFinite else {
            return context.typeMismatch(expected: "a number", found: node, at: path)
        }
        return value
    }
    public static var schema: JSONValue { ["type": "number"] }
}

extension Bool: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Bool? {
        // Only true/false: YAML 1.1's yes/no/on/off are a classic source of surprises.
        guard case .scalar(let text, true, _) = node, text == "true" || text == "false" else {
            return context.typeMismatch(expected: "true or false", found: node, at: path)
        }
        return text == "true"
    }
    public static var schema: JSONValue { ["type": "boolean"] }
}

extension Array: SpecDecodable where Element: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> [Element]? {
        guard case .sequence(let items, _) = node else { return context.typeMismatch(expected: "a list", found: node, at: path) }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        var failed = false
        for (index, item) in items.enumerated() {
            let itemPath = path + index
            if let value = Element.decode(item, at: itemPath, in: &context) { result.append(value) } else { failed = true }
        }
        return failed ? nil : result
    }
    public static var schema: JSONValue { ["type": "array", "items": Element.schema] }
}

extension Dictionary: SpecDecodable where Key == String, Value: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> [String: Value]? {
        guard case .mapping(let entries, _) = node else { return context.typeMismatch(expected: "a mapping", found: node, at: path) }
        var result: [String: Value] = [:]
        var failed = false
        for entry in entries {
            let entryPath = path + entry.key
            if let value = Value.decode(entry.value, at: entryPath, in: &context) { result[entry.key] = value } else { failed = true }
        }
        return failed ? nil : result
    }
    public static var schema: JSONValue { ["type": "object", "additionalProperties": Value.schema] }
}

/// A closed set of words, decoded with "expected one of" and a suggestion for near misses.
public protocol SpecEnum: SpecDecodable, RawRepresentable, CaseIterable where RawValue == String {
    /// One sentence for the schema description; defaults to nothing.
    static var documentation: String? { get }
}

extension SpecEnum {
    public static var documentation: String? { nil }

    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Self? {
        guard case .scalar(let text, _, let location) = node else {
            return context.typeMismatch(expected: "one of \(choices)", found: node, at: path)
        }
        if let value = Self(rawValue: text) { return value }
        let suggestion = Suggestion.closest(to: text, among: allCases.map(\.rawValue))
        context.report(
            "invalid-value", at: path, "'\(text)' is not one of \(choices)", location: location,
            hint: suggestion.map { "did you mean '\($0)'?" })
        return nil
    }

    public static var schema: JSONValue {
        var pairs: [(String, JSONValue)] = [("type", "string"), ("enum", .array(allCases.map { .string($0.rawValue) }))]
        if let documentation { pairs.append(("description", .string(documentation))) }
        return .object(pairs)
    }

    static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A string with a pattern that must hold, such as a resource name; checked while decoding.
public protocol SpecPatternString: SpecDecodable, RawRepresentable, Hashable where RawValue == String {
    static var pattern: String { get }
    static var patternDescription: String { get }
    static func matches(_ text: String) -> Bool
}

extension SpecPatternString {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Self? {
        guard case .scalar(let text, _, let location) = node else {
            return context.typeMismatch(expected: patternDescription, found: node, at: path)
        }
        guard matches(text), let value = Self(rawValue: text) else {
            context.report("invalid-format", at: path, "'\(text)' is not \(patternDescription)", location: location)
            return nil
        }
        return value
    }
    public static var schema: JSONValue { ["type": "string", "pattern": .string(pattern), "description": .string(patternDescription)] }
}
