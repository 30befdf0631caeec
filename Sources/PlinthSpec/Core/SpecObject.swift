/// A mapping with a fixed set of keys, declared once as `fields`. Decoding walks the declaration:
/// unknown keys are rejected with a suggestion, missing required keys reported, and every field
/// decoded even after an earlier one failed, so a single run shows every error.
public protocol SpecObject: SpecDecodable {
    /// An instance whose fields the decoder then sets; the values are placeholders, never observed
    /// for required fields because decoding fails when one is missing.
    init()
    static var fields: [SpecField<Self>] { get }
    /// What the object is for, shown by editors as the schema description.
    static var documentation: String { get }
}

/// One key of a `SpecObject`: how to decode it into the object and how to describe it.
public struct SpecField<Root>: Sendable {
    public let key: String
    public let documentation: String
    public let isRequired: Bool
    let valueSchema: @Sendable () -> JSONValue
    let defaultValue: JSONValue?
    let assign: @Sendable (SpecNode, SpecPath, inout Root, inout DecodingContext) -> Bool

    /// A key that must be present.
    public static func required<Value: SpecDecodable>(
        _ key: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, _ documentation: String
    ) -> SpecField {
        SpecField(
            key: key, documentation: documentation, isRequired: true, valueSchema: { Value.schema },
            defaultValue: nil
        ) { node, path, root, context in
            guard let value = Value.decode(node, at: path, in: &context) else { return false }
            root[keyPath: keyPath] = value
            return true
        }
    }

    /// A key that may be absent; absence leaves nil.
    public static func optional<Value: SpecDecodable>(
        _ key: String, _ keyPath: WritableKeyPath<Root, Value?> & Sendable, _ documentation: String
    ) -> SpecField {
        SpecField(
            key: key, documentation: documentation, isRequired: false, valueSchema: { Value.schema },
            defaultValue: nil
        ) { node, path, root, context in
            if case .null = node { return true }
            guard let value = Value.decode(node, at: path, in: &context) else { return false }
            root[keyPath: keyPath] = value
            return true
        }
    }

    /// A key that may be absent, in which case the object's initial value stands; `shownDefault`
    /// is what the schema advertises.
    public static func defaulted<Value: SpecDecodable>(
        _ key: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, default shownDefault: JSONValue,
        _ documentation: String
    ) -> SpecField {
        SpecField(
            key: key, documentation: documentation, isRequired: false, valueSchema: { Value.schema },
            defaultValue: shownDefault
        ) { node, path, root, context in
            guard let value = Value.decode(node, at: path, in: &context) else { return false }
            root[keyPath: keyPath] = value
            return true
        }
    }
}

extension SpecObject {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> Self? {
        guard case .mapping(let entries, _) = node else {
            return context.typeMismatch(expected: "a mapping", found: node, at: path)
        }
        let fields = Self.fields
        var index: [String: Int] = [:]
        index.reserveCapacity(fields.count)
        for (offset, field) in fields.enumerated() { index[field.key] = offset }
        var value = Self()
        var failed = false
        var seen = Set<String>()
        for entry in entries {
            let entryPath = path + entry.key
            guard let offset = index[entry.key] else {
                let suggestion = Suggestion.closest(to: entry.key, among: fields.map(\.key))
                context.report(
                    "unknown-key", at: entryPath, "unknown key '\(entry.key)'", location: entry.keyLocation,
                    hint: suggestion.map { "did you mean '\($0)'?" })
                failed = true
                continue
            }
            let field = fields[offset]
            seen.insert(entry.key)
            if !field.assign(entry.value, entryPath, &value, &context) { failed = true }
        }
        for field in fields where field.isRequired && !seen.contains(field.key) {
            // Placed later at the key that holds this mapping, which only the whole tree knows.
            context.report("missing-key", at: path + field.key, "missing required key '\(field.key)'", location: nil)
            failed = true
        }
        return failed ? nil : value
    }

    public static var schema: JSONValue {
        let fields = Self.fields
        var properties: [(String, JSONValue)] = []
        for field in fields {
            var property: [(String, JSONValue)] = [("description", .string(field.documentation))]
            if case .object(let pairs) = field.valueSchema() { property.append(contentsOf: pairs.filter { $0.0 != "description" }) }
            if let defaultValue = field.defaultValue { property.append(("default", defaultValue)) }
            properties.append((field.key, .object(property)))
        }
        var pairs: [(String, JSONValue)] = [
            ("type", "object"),
            ("description", .string(documentation)),
            ("additionalProperties", false),
            ("properties", .object(properties)),
        ]
        let required = fields.filter(\.isRequired).map { JSONValue.string($0.key) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        return .object(pairs)
    }
}
