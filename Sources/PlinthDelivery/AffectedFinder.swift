import Foundation
import PlinthLoader
import PlinthRender
import PlinthSpec

/// `plinth affected --base REF` as a library: the spec and modules at REF are exported from git
/// into a scratch directory (the working tree is never touched), both sides are rendered for the
/// real target, and the renders are compared (`AffectedStacks`).
public struct AffectedFinder: Sendable {
    /// platform.yaml of the working tree.
    public var specPath: URL
    public var environment: [String: String]

    public init(specPath: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.specPath = specPath.standardizedFileURL
        self.environment = environment
    }

    /// What `find` worked out, with the commit the base revision named.
    public struct Result: Sendable {
        public var revision: String
        public var baseCommit: String
        public var affected: AffectedStacks
    }

    /// `head`, when the caller has already loaded and rendered the working tree (`plinth diagram`),
    /// saves rendering it again.
    public func find(base revision: String, head: (spec: PlatformSpec, tree: RenderedInfrastructure)? = nil) throws -> Result {
        let specDirectory = specPath.deletingLastPathComponent()
        let repository = try GitRepository(containing: specDirectory, environment: environment)
        let commit = try repository.commit(of: revision)
        let relative = Self.relativePath(of: specPath, below: repository.root)
        guard let relative else { throw DeliveryError.git(detail: "\(specPath.path) is not inside \(repository.root.path)") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-affected-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try repository.export(commit, to: scratch)
        let baseSpecURL = scratch.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: baseSpecURL.path) else {
            throw DeliveryError.baseSpecInvalid(revision: revision, detail: "\(relative) does not exist in \(commit.prefix(12))")
        }
        let specPath = self.specPath
        let modules = ModuleCalls.changedModules(
            base: baseSpecURL.deletingLastPathComponent().appendingPathComponent("platform-modules"),
            head: specDirectory.appendingPathComponent("platform-modules"))
        let affected: AffectedStacks
        if let head {
            // The working tree is already written out as text: compare the base's text with it.
            let base = try Self.render(Self.load(baseSpecURL, side: revision), side: revision)
            affected = try AffectedStacks.compare(
                base: base.tree, head: head.tree, changedModules: modules, deployRoles: Self.deployRoles(head.spec))
        } else {
            let (base, current) = try Self.concurrently(
                { try Self.renderStacks(Self.load(baseSpecURL, side: revision), side: revision) },
                { try Self.renderStacks(Self.load(specPath, side: "the working tree"), side: "the working tree") })
            affected = try AffectedStacks.compare(
                base: base.stacks, head: current.stacks, changedModules: modules, deployRoles: Self.deployRoles(current.spec))
        }
        return Result(revision: revision, baseCommit: commit, affected: affected)
    }

    /// Loads both specs, renders both for the real target (the two sides side by side, files kept
    /// as values) and compares them; what the benchmark times.
    public static func compare(
        baseYAML: String, headYAML: String, changedModules: Set<String>, baseName: String = "the base"
    ) throws -> AffectedStacks {
        let (base, head) = try concurrently(
            { try renderStacks(load(yaml: baseYAML, side: baseName), side: baseName) },
            { try renderStacks(load(yaml: headYAML, side: "the working tree"), side: "the working tree") })
        return try AffectedStacks.compare(
            base: base.stacks, head: head.stacks, changedModules: changedModules, deployRoles: deployRoles(head.spec))
    }

    static func render(_ spec: PlatformSpec, side: String) throws(DeliveryError) -> (spec: PlatformSpec, tree: RenderedInfrastructure) {
        do { return (spec, try StackRenderer(spec: spec, target: .aws).render()) } catch {
            throw .renderFailed(side: side, detail: "\(error)")
        }
    }

    /// One side for the real target, its files kept as values (all a comparison needs).
    public static func renderStacks(
        _ spec: PlatformSpec, side: String
    ) throws(DeliveryError) -> (
        spec: PlatformSpec, stacks: RenderedStacks
    ) {
        do { return (spec, try StackRenderer(spec: spec, target: .aws).renderStacks()) } catch {
            throw .renderFailed(side: side, detail: "\(error)")
        }
    }

    /// Runs both on their own threads (the two sides of a comparison share nothing) and returns both
    /// results, or the first side's error.
    static func concurrently<A: Sendable, B: Sendable>(
        _ first: @escaping @Sendable () throws -> A, _ second: @escaping @Sendable () throws -> B
    ) throws -> (A, B) {
        let results = SideResults<A, B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { results.setFirst(Swift.Result { try first() }) } else { results.setSecond(Swift.Result { try second() }) }
        }
        return try results.both()
    }

    /// The role pipelines assume in each account (the first deploy role the spec names for it).
    public static func deployRoles(_ spec: PlatformSpec) -> [String: String] {
        var roles: [String: String] = [:]
        for role in spec.pipelines.deployRoles where role.access == .deploy && roles[role.account.rawValue] == nil {
            roles[role.account.rawValue] = role.roleName
        }
        return roles
    }

    static func load(_ url: URL, side: String) throws(DeliveryError) -> PlatformSpec {
        try loaded(SpecLoader().load(path: url.path), side: side)
    }

    static func load(yaml: String, side: String) throws(DeliveryError) -> PlatformSpec {
        try loaded(SpecLoader().load(yaml: yaml, file: "\(side).yaml"), side: side)
    }

    static func loaded(_ result: LoadResult, side: String) throws(DeliveryError) -> PlatformSpec {
        guard let spec = result.spec else {
            let first = result.errors.first.map { "\($0.path): \($0.message)" } ?? "it does not load"
            throw .baseSpecInvalid(revision: side, detail: "\(result.errors.count) error(s), first: \(first)")
        }
        return spec
    }

    static func relativePath(of file: URL, below root: URL) -> String? {
        let fileParts = file.resolvingSymlinksInPath().pathComponents, rootParts = root.resolvingSymlinksInPath().pathComponents
        guard fileParts.count > rootParts.count, Array(fileParts.prefix(rootParts.count)) == rootParts else { return nil }
        return fileParts.dropFirst(rootParts.count).joined(separator: "/")
    }
}

/// The two results of `AffectedFinder.concurrently`, each set once from its own thread.
private final class SideResults<A: Sendable, B: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Result<A, any Error>?
    private var second: Result<B, any Error>?

    func setFirst(_ value: Result<A, any Error>) { lock.withLock { first = value } }
    func setSecond(_ value: Result<B, any Error>) { lock.withLock { second = value } }

    func both() throws -> (A, B) {
        let (first, second) = lock.withLock { (self.first, self.second) }
        guard let first, let second else { throw DeliveryError.renderFailed(side: "both sides", detail: "a side did not finish") }
        return (try first.get(), try second.get())
    }
}
