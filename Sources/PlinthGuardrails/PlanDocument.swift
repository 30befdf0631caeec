import Dispatch
import Foundation
import PlinthSpec
import Synchronization

/// Input `plinth check` refuses rather than judges: judging half a plan, or a plan it cannot place,
/// would report a pass that means nothing.
public enum GuardrailInputError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String)
    case malformed(file: String, reason: String)
    case unsupportedFormat(file: String, version: String)
    case unknownStack(file: String, stack: String)
    case unknownRule(rule: String, at: String, suggestion: String?)
    case invalidWaiver(at: String, reason: String)
    case invalidSpec(String)

    public var description: String {
        switch self {
        case .unreadable(let file): "\(file): cannot read the plan"
        case .malformed(let file, let reason):
            "\(file): not a complete plan document (\(reason)); write it again with `terraform show -json PLANFILE`"
        case .unsupportedFormat(let file, let version):
            "\(file): plan format_version \(version) is not supported (plinth reads format 1.x from `terraform show -json`)"
        case .unknownStack(let file, let stack):
            "\(file): no stack '\(stack)' in the spec; plan files are named after their stack id with / as _ (see infrastructure/stacks.json)"
        case .unknownRule(let rule, let at, let suggestion):
            "\(at): unknown guardrail rule '\(rule)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .invalidWaiver(let at, let reason): "\(at): \(reason)"
        case .invalidSpec(let message): message
        }
    }
}

/// One resource of a plan's planned values.
public struct PlannedResource: Sendable {
    public let address: String
    public let type: String
    /// The module path part of the address (`module.workload`), empty for the root module; resources
    /// that belong together (a bucket and its policy) share it.
    public let module: String
    public let values: JSONValue

    public init(address: String, type: String, values: JSONValue) {
        self.address = address
        self.type = type
        module = PlanDocument.modulePath(of: address)
        self.values = values
    }
}

/// `terraform show -json` of a saved plan, reduced to what the rules read.
public struct PlanDocument: Sendable {
    public let stack: String
    public let file: String
    public let formatVersion: String
    public let resources: [PlannedResource]

    public init(stack: String, file: String, formatVersion: String, resources: [PlannedResource]) {
        self.stack = stack
        self.file = file
        self.formatVersion = formatVersion
        self.resources = resources
    }

    /// Reads a plan, refusing other format versions and anything that is not a whole plan.
    public static func parse(_ data: Data, file: String, stack: String) throws -> PlanDocument {
        guard let document = JSONValue.parse(data) else {
            throw GuardrailInputError.malformed(file: file, reason: data.isEmpty ? "the file is empty" : "invalid or truncated JSON")
        }
        guard case .object = document else { throw GuardrailInputError.malformed(file: file, reason: "the top level is not an object") }
        guard let version = document["format_version"]?.stringValue else {
            throw GuardrailInputError.malformed(file: file, reason: "no format_version")
        }
        guard version.split(separator: ".").first == "1" else { throw GuardrailInputError.unsupportedFormat(file: file, version: version) }
        guard let root = document["planned_values"]?["root_module"] else {
            throw GuardrailInputError.malformed(file: file, reason: "no planned_values.root_module")
        }
        var resources: [PlannedResource] = []
        collect(root, into: &resources)
        return PlanDocument(stack: stack, file: file, formatVersion: version, resources: resources)
    }

    private static func collect(_ module: JSONValue, into resources: inout [PlannedResource]) {
        for resource in module["resources"]?.arrayValue ?? [] {
            guard resource["mode"]?.stringValue != "data", let address = resource["address"]?.stringValue,
                let type = resource["type"]?.stringValue
            else { continue }
            resources.append(PlannedResource(address: address, type: type, values: resource["values"] ?? .object([])))
        }
        for child in module["child_modules"]?.arrayValue ?? [] { collect(child, into: &resources) }
    }

    /// `module.a.module.b[0].aws_x.y["k"]` -> `module.a.module.b[0]`.
    static func modulePath(of address: String) -> String {
        var parts: [Substring] = []
        var rest = Substring(address)
        while rest.hasPrefix("module.") {
            let afterPrefix = rest.dropFirst("module.".count)
            guard let dot = Self.nextDot(in: afterPrefix) else { break }
            parts.append(rest[rest.startIndex..<dot])
            rest = rest[rest.index(after: dot)...]
        }
        return parts.joined(separator: ".")
    }

    /// The first dot outside brackets and quotes.
    private static func nextDot(in text: Substring) -> Substring.Index? {
        var depth = 0
        var quoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": quoted.toggle()
            case "[" where !quoted: depth += 1
            case "]" where !quoted: depth -= 1
            case "." where !quoted && depth == 0: return index
            default: continue
            }
        }
        return nil
    }

    /// The stack id a plan file is named after: `env_prod_us-east-1_workload.json` or
    /// `env/prod/us-east-1/workload.json` below the plans directory, or the directory holding a
    /// `plan.json` as `plinth plan --out` writes it (`env_prod_us-east-1_workload/plan.json`).
    public static func stackName(forRelativePath path: String) -> String {
        var name = path
        if name.hasSuffix("/plan.json") { name.removeLast("/plan.json".count) }
        if name.hasSuffix(".json") { name.removeLast(".json".count) }
        return name.replacingOccurrences(of: "_", with: "/")
    }
}

/// Reads every `*.json` below a directory as a plan; the loader part of the guardrails.
public enum PlanLoader {
    /// The manifest `plinth plan --out` writes at the top of its directory.
    static let planDirectoryManifest = "manifest.json"

    public static func load(directory: String, knownStacks: Set<String>) throws -> [PlanDocument] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw GuardrailInputError.unreadable(file: directory)
        }
        var relativePaths: [String] = []
        while let entry = enumerator.nextObject() as? String {
            // `plinth plan --out DIR` keeps its manifest beside the plans; it is not a plan.
            if entry.hasSuffix(".json"), entry != planDirectoryManifest { relativePaths.append(entry) }
        }
        let sorted = relativePaths.sorted()
        for relative in sorted {
            let stack = PlanDocument.stackName(forRelativePath: relative)
            let shown = (directory as NSString).appendingPathComponent(relative)
            guard knownStacks.contains(stack) else { throw GuardrailInputError.unknownStack(file: shown, stack: stack) }
        }
        // Plans are parsed side by side: parsing is most of a check's time, and the files are independent.
        let results = Mutex<[Int: Result<PlanDocument, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: sorted.count) { position in
            let relative = sorted[position]
            let shown = (directory as NSString).appendingPathComponent(relative)
            let result = Result { () throws -> PlanDocument in
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
                    throw GuardrailInputError.unreadable(file: shown)
                }
                return try PlanDocument.parse(data, file: shown, stack: PlanDocument.stackName(forRelativePath: relative))
            }
            results.withLock { $0[position] = result }
        }
        let parsed = results.withLock { $0 }
        // The first failure in file order is reported, as a one-by-one read would.
        return try sorted.indices.map { position in
            guard let result = parsed[position] else { throw GuardrailInputError.unreadable(file: sorted[position]) }
            return try result.get()
        }
    }
}
