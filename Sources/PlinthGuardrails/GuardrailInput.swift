import PlinthRender
import PlinthSpec

/// Everything one `plinth check` judges. Built by the caller (the loader reads files); the rules
/// themselves do no I/O.
public struct GuardrailInput: Sendable {
    public var spec: PlatformSpec
    /// The spec's file name as findings print it.
    public var specFile: String
    /// The document as read, for positions and for keys written explicitly.
    public var document: SpecNode?
    /// The stacks `plinth render` makes from the spec; nil skips the stack rules.
    public var rendered: RenderedInfrastructure?
    /// Directory the stack files are shown under, such as `infrastructure`.
    public var stackRoot: String
    /// Resource types each module of platform-modules declares, by module directory name.
    public var moduleResourceTypes: [String: Set<String>]
    public var plans: [PlanDocument]
    /// Today's date as YYYY-MM-DD; waivers that expired before it fail.
    public var today: String

    public init(
        spec: PlatformSpec, specFile: String, document: SpecNode?, rendered: RenderedInfrastructure?, stackRoot: String = "infrastructure",
        moduleResourceTypes: [String: Set<String>] = [:], plans: [PlanDocument] = [], today: String
    ) {
        self.spec = spec
        self.specFile = specFile
        self.document = document
        self.rendered = rendered
        self.stackRoot = stackRoot
        self.moduleResourceTypes = moduleResourceTypes
        self.plans = plans
        self.today = today
    }

    /// Position of a path, or of the nearest enclosing path the document has.
    func location(of path: SpecPath) -> SourceLocation? { document?.nearestLocation(of: path) }

    /// True when the key is written in the file rather than left to its default.
    func isWritten(_ path: SpecPath) -> Bool { document?.locate(path) != nil }

    /// A finding on the spec, placed at its key.
    func specFinding(_ ruleID: String, _ path: SpecPath, _ message: String) -> Finding {
        let location = location(of: path)
        return Finding(
            ruleID: ruleID, message: message, specPath: path, specLocation: location, stack: nil, resource: nil, location: location)
    }

    /// Environments whose data is PHI: production, and environments that mirror production.
    var phiEnvironments: Set<Name> {
        let production = Set(spec.environments.filter { $0.tier == .production }.map(\.name))
        return production.union(spec.environments.filter { $0.mirrors.map(production.contains) ?? false }.map(\.name))
    }
}
