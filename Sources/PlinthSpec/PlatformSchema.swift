/// The published JSON Schema of platform.yaml, derived from the model's field declarations.
public enum PlatformSchema {
    public static let identifier = "https://plinth.dev/schema/platform.schema.json"

    public static var document: JSONValue {
        guard case .object(let pairs) = PlatformSpec.schema else { return PlatformSpec.schema }
        return .object(
            [
                ("$schema", "https://json-schema.org/draft/2020-12/schema"),
                ("$id", .string(identifier)),
                ("title", "Plinth platform specification"),
            ] + pairs)
    }
}
