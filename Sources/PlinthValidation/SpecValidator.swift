import PlinthAddressing
import PlinthSpec

/// What the rules may ask of the world outside the spec; injected so the rules stay pure and testable.
public struct ValidationEnvironment: Sendable {
    public var fileExists: @Sendable (String) -> Bool

    public init(fileExists: @escaping @Sendable (String) -> Bool) {
        self.fileExists = fileExists
    }

    /// For tests and tools that have no files to check.
    public static let noFiles = ValidationEnvironment { _ in true }
}

/// Semantic rules over a structurally valid spec. Each rule reports by key path and keeps going,
/// so one run lists every problem.
public struct SpecValidator {
    let spec: PlatformSpec
    let environment: ValidationEnvironment
    var diagnostics: [Diagnostic] = []
    // Name lists and lookups used by many rules, computed once: rules run per VPC and per account.
    let accountNames: NameIndex
    let environmentNames: NameIndex
    let regionNames: [String]
    let blockerIDs: [String]
    let environmentsByName: [Name: EnvironmentSpec]

    init(spec: PlatformSpec, environment: ValidationEnvironment) {
        self.spec = spec
        self.environment = environment
        accountNames = NameIndex(spec.organization.allAccounts.map(\.name.rawValue))
        environmentNames = NameIndex(spec.environments.map(\.name.rawValue))
        regionNames = spec.regions.all.map(\.rawValue)
        blockerIDs = spec.blockers.map(\.id.rawValue)
        environmentsByName = Dictionary(spec.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func validate(_ spec: PlatformSpec, environment: ValidationEnvironment = .noFiles) -> [Diagnostic] {
        var validator = SpecValidator(spec: spec, environment: environment)
        validator.checkUniqueNames()
        validator.checkOrganization()
        validator.checkEnvironments()
        validator.checkMirrors()
        validator.checkNetworkReferences()
        validator.checkAddressPlan()
        validator.checkDNS()
        validator.checkSecrets()
        validator.checkObservability()
        validator.checkState()
        validator.checkIdentity()
        validator.checkPipelines()
        validator.checkRunnersAndRegistries()
        validator.checkBlockers()
        return validator.diagnostics
    }

    mutating func error(
        _ code: String, _ path: SpecPath, _ message: String, hint: String? = nil,
        related: [Diagnostic.Related] = []
    ) {
        diagnostics.append(.error(code, at: path, message, hint: hint, related: related))
    }

    mutating func warning(_ code: String, _ path: SpecPath, _ message: String) {
        diagnostics.append(Diagnostic(.warning, code: code, path: path, message: message))
    }

    /// Reports a reference that names nothing, with the closest name as a suggestion.
    mutating func reference(_ value: String, at path: SpecPath, to kind: String, among names: [String]) {
        guard !names.contains(value) else { return }
        unknownReference(value, at: path, to: kind, among: names)
    }

    /// The same for the long lists (accounts, environments) that rules consult once per VPC.
    mutating func reference(_ value: String, at path: SpecPath, to kind: String, among index: NameIndex) {
        guard !index.contains(value) else { return }
        unknownReference(value, at: path, to: kind, among: index.names)
    }

    private mutating func unknownReference(_ value: String, at path: SpecPath, to kind: String, among names: [String]) {
        let suggestion = Suggestion.closest(to: value, among: names)
        let known = names.isEmpty ? "none is declared" : "declared: \(names.joined(separator: ", "))"
        error("unknown-reference", path, "unknown \(kind) '\(value)' (\(known))", hint: suggestion.map { "did you mean '\($0)'?" })
    }

    /// Reports every value that appears more than once, pointing at each repeat and the first use.
    mutating func unique<S: Sequence>(_ items: S, kind: String, caseInsensitive: Bool = false)
    where S.Element == (String, SpecPath) {
        var firstSeen: [String: SpecPath] = [:]
        for (value, path) in items {
            let key = caseInsensitive ? value.lowercased() : value
            if let first = firstSeen[key] {
                error(
                    "duplicate-name", path, "duplicate \(kind) '\(value)'",
                    related: [.init(path: first, message: "first declared here")])
            } else {
                firstSeen[key] = path
            }
        }
    }
}

extension Sequence {
    /// Pairs each element's name with its path under `base`, for `unique` and reference checks.
    func named(_ base: SpecPath, _ key: String = "name", _ name: (Element) -> String) -> [(String, SpecPath)] {
        enumerated().map { (name($0.element), base + $0.offset + key) }
    }
}

/// Declared names in order, for messages, with a set for lookups that run once per VPC or account.
struct NameIndex: Sendable {
    let names: [String]
    private let members: Set<String>

    init(_ names: [String]) {
        self.names = names
        members = Set(names)
    }

    func contains(_ name: String) -> Bool { members.contains(name) }
}
