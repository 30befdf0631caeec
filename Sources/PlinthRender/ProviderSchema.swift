import Foundation

/// What a Terraform provider accepts, reduced to what checking generated configuration needs: per
/// resource and data source, the arguments that may be set (and which are required) and the nested
/// blocks. Read from `terraform providers schema -json`-shaped files, or built in code for providers
/// with no such file (auth0).
public struct ProviderSchema: Sendable {
    /// One block: settable arguments (name -> required) and nested blocks.
    public struct Block: Sendable {
        public var arguments: [String: Bool]
        /// Computed-only attributes: readable, never settable.
        public var readOnly: Set<String>
        public var blocks: [String: NestedBlock]

        public init(arguments: [String: Bool], readOnly: Set<String> = [], blocks: [String: NestedBlock] = [:]) {
            self.arguments = arguments
            self.readOnly = readOnly
            self.blocks = blocks
        }
    }

    /// A nested block type and how many instances it takes.
    public struct NestedBlock: Sendable {
        public var block: Block
        public var minItems: Int
        public var maxItems: Int?

        public init(block: Block, minItems: Int = 0, maxItems: Int? = nil) {
            self.block = block
            self.minItems = minItems
            self.maxItems = maxItems
        }
    }

    /// Provider name as used in resource type prefixes, e.g. `github`.
    public var name: String
    public var provider: Block
    public var resources: [String: Block]
    public var dataSources: [String: Block]

    public init(name: String, provider: Block, resources: [String: Block], dataSources: [String: Block]) {
        self.name = name
        self.provider = provider
        self.resources = resources
        self.dataSources = dataSources
    }

    /// Reads a schema file of the `terraform providers schema -json` shape; the first provider in it.
    public static func load(contentsOf url: URL, name: String) throws -> ProviderSchema {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RenderError.schemaUnavailable(path: url.path, reason: "cannot read it (\(error.localizedDescription))")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let providers = root["provider_schemas"] as? [String: Any],
            let first = providers.keys.sorted().first, let provider = providers[first] as? [String: Any]
        else {
            throw RenderError.schemaUnavailable(path: url.path, reason: "not a provider schema document (no provider_schemas)")
        }
        func schemas(_ key: String) -> [String: Block] {
            guard let items = provider[key] as? [String: Any] else { return [:] }
            var result: [String: Block] = [:]
            for (type, value) in items {
                if let schema = value as? [String: Any], let block = schema["block"] as? [String: Any] { result[type] = parse(block) }
            }
            return result
        }
        let providerBlock = ((provider["provider"] as? [String: Any])?["block"] as? [String: Any]).map(parse) ?? Block(arguments: [:])
        return ProviderSchema(
            name: name, provider: providerBlock, resources: schemas("resource_schemas"), dataSources: schemas("data_source_schemas"))
    }

    static func parse(_ block: [String: Any]) -> Block {
        var arguments: [String: Bool] = [:]
        var readOnly: Set<String> = []
        for (name, value) in block["attributes"] as? [String: Any] ?? [:] {
            let flags = value as? [String: Any] ?? [:]
            let required = flags["required"] as? Bool ?? false, optional = flags["optional"] as? Bool ?? false
            if required || optional { arguments[name] = required } else { readOnly.insert(name) }
        }
        var blocks: [String: NestedBlock] = [:]
        for (name, value) in block["block_types"] as? [String: Any] ?? [:] {
            guard let nested = value as? [String: Any], let inner = nested["block"] as? [String: Any] else { continue }
            blocks[name] = NestedBlock(
                block: parse(inner), minItems: nested["min_items"] as? Int ?? 0, maxItems: nested["max_items"] as? Int)
        }
        return Block(arguments: arguments, readOnly: readOnly, blocks: blocks)
    }
}
