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

    public func find(base revision: String) throws -> Result {
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
        let baseSpec = try Self.load(baseSpecURL, side: revision)
        let headSpec = try Self.load(specPath, side: "the working tree")
        let modules = ModuleCalls.changedModules(
            base: baseSpecURL.deletingLastPathComponent().appendingPathComponent("platform-modules"),
            head: specDirectory.appendingPathComponent("platform-modules"))
        let affected = try Self.compare(base: baseSpec, head: headSpec, changedModules: modules, baseName: revision)
        return Result(revision: revision, baseCommit: commit, affected: affected)
    }

    /// Renders both specs for the real target and compares them; what the benchmark times.
    public static func compare(
        base: PlatformSpec, head: PlatformSpec, changedModules: Set<String>, baseName: String = "the base"
    ) throws -> AffectedStacks {
        let baseTree: RenderedInfrastructure, headTree: RenderedInfrastructure
        do { baseTree = try StackRenderer(spec: base, target: .aws).render() } catch {
            throw DeliveryError.renderFailed(side: baseName, detail: "\(error)")
        }
        do { headTree = try StackRenderer(spec: head, target: .aws).render() } catch {
            throw DeliveryError.renderFailed(side: "the working tree", detail: "\(error)")
        }
        return try AffectedStacks.compare(
            base: baseTree, head: headTree, changedModules: changedModules, deployRoles: deployRoles(head))
    }

    /// The role pipelines assume in each account (the first deploy role the spec names for it).
    public static func deployRoles(_ spec: PlatformSpec) -> [String: String] {
        var roles: [String: String] = [:]
        for role in spec.pipelines.deployRoles where roles[role.account.rawValue] == nil { roles[role.account.rawValue] = role.roleName }
        return roles
    }

    static func load(_ url: URL, side: String) throws(DeliveryError) -> PlatformSpec {
        let result = SpecLoader().load(path: url.path)
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
