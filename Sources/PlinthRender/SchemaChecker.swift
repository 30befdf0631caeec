import Foundation

/// Checks rendered Terraform JSON against a provider schema, offline: every resource and data source
/// type exists, every argument and block is known (and settable), every required argument and block
/// is set, and single-instance blocks are not repeated. Meta-arguments are always allowed.
public struct SchemaChecker: Sendable {
    /// One problem, located by file and a path inside it.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var path: String
        public var message: String
        public var description: String { "\(file): \(path): \(message)" }
    }

    public var schemas: [String: ProviderSchema]

    static let metaArguments: Set<String> = ["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]

    public init(schemas: [ProviderSchema]) {
        self.schemas = Dictionary(uniqueKeysWithValues: schemas.map { ($0.name, $0) })
    }

    /// Loads github, okta and pagerduty from `directory` (normally `<repository>/../shared/terraform-schemas`)
    /// and adds the built-in auth0 list. Fails naming the directory when a file is missing.
    public static func standard(schemaDirectory directory: URL) throws -> SchemaChecker {
        var schemas = [Auth0Arguments.schema]
        for name in ["github", "okta", "pagerduty"] {
            let url = directory.appendingPathComponent("\(name).json")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw RenderError.schemaUnavailable(path: url.path, reason: "missing; the SaaS stacks cannot be checked without it")
            }
            schemas.append(try ProviderSchema.load(contentsOf: url, name: name))
        }
        return SchemaChecker(schemas: schemas)
    }

    /// The schema directory for a repository checkout: `<repository>/../shared/terraform-schemas`.
    public static func schemaDirectory(repositoryRoot: URL) -> URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/terraform-schemas")
    }

    /// Checks every `*.tf.json` file of the stacks whose provider has a schema here.
    public func check(_ rendered: RenderedInfrastructure) -> [Finding] {
        var findings: [Finding] = []
        for stack in rendered.stacks where schemas[stack.provider] != nil {
            for path in rendered.files.keys.sorted() where path.hasPrefix(stack.directory + "/") && path.hasSuffix(".tf.json") {
                findings += check(file: path, contents: rendered.files[path] ?? "")
            }
        }
        return findings
    }

    /// Checks one Terraform JSON file.
    public func check(file: String, contents: String) -> [Finding] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(contents.utf8)) as? [String: Any] else {
            return [Finding(file: file, path: "", message: "not a JSON object")]
        }
        var findings: [Finding] = []
        for (kind, key) in [("resource", "resource"), ("data source", "data")] {
            for (type, instances) in root[key] as? [String: Any] ?? [:] {
                guard let provider = schemas[String(type.prefix { $0 != "_" })] else { continue }
                let catalog = key == "resource" ? provider.resources : provider.dataSources
                guard let schema = catalog[type] else {
                    findings.append(Finding(file: file, path: "\(key).\(type)", message: "unknown \(provider.name) \(kind) type"))
                    continue
                }
                for (name, body) in instances as? [String: Any] ?? [:] {
                    findings += check(body, against: schema, file: file, path: "\(key).\(type).\(name)", topLevel: true)
                }
            }
        }
        for (name, body) in root["provider"] as? [String: Any] ?? [:] {
            guard let provider = schemas[name] else { continue }
            let bodies = (body as? [Any]) ?? [body]
            for item in bodies {
                findings += check(item, against: provider.provider, file: file, path: "provider.\(name)", topLevel: true, allow: ["alias"])
            }
        }
        return findings
    }

    private func check(
        _ value: Any, against schema: ProviderSchema.Block, file: String, path: String, topLevel: Bool, allow: Set<String> = []
    ) -> [Finding] {
        guard let body = value as? [String: Any] else { return [Finding(file: file, path: path, message: "expected an object")] }
        var findings: [Finding] = []
        for key in body.keys.sorted() {
            if topLevel, Self.metaArguments.contains(key) || allow.contains(key) { continue }
            if schema.arguments[key] != nil { continue }
            if let nested = schema.blocks[key] {
                let items: [Any] = (body[key] as? [Any]) ?? [body[key] as Any]
                if let max = nested.maxItems, items.count > max {
                    findings.append(
                        Finding(file: file, path: "\(path).\(key)", message: "at most \(max) block(s) allowed, found \(items.count)"))
                }
                for (index, item) in items.enumerated() {
                    findings += check(item, against: nested.block, file: file, path: "\(path).\(key)[\(index)]", topLevel: false)
                }
                continue
            }
            if schema.readOnly.contains(key) {
                findings.append(Finding(file: file, path: "\(path).\(key)", message: "read-only (computed) attribute cannot be set"))
            } else {
                findings.append(Finding(file: file, path: "\(path).\(key)", message: "unknown argument or block"))
            }
        }
        for (name, required) in schema.arguments.sorted(by: { $0.key < $1.key }) where required && body[name] == nil {
            findings.append(Finding(file: file, path: "\(path).\(name)", message: "required argument is not set"))
        }
        for (name, nested) in schema.blocks.sorted(by: { $0.key < $1.key }) where nested.minItems > 0 {
            let count = body[name].map { ($0 as? [Any])?.count ?? 1 } ?? 0
            if count < nested.minItems {
                findings.append(
                    Finding(file: file, path: "\(path).\(name)", message: "required block is missing (at least \(nested.minItems))"))
            }
        }
        return findings
    }
}
