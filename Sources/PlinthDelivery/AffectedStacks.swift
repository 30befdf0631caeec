import PlinthRender

/// The stacks a change touches, worked out from the rendered model rather than path globs: the
/// stacks whose rendered files differ, the stacks that call a changed module, and (flagged, since
/// their own files did not change) the stacks downstream in the graph that read their outputs.
/// Grouped in waves: every stack comes in a later wave than the affected stacks it depends on, so
/// a workflow can run one wave's stacks side by side.
public struct AffectedStacks: Sendable, Equatable {
    /// Why a stack is in the set.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// New in the working tree.
        case added
        /// Rendered files that differ (names relative to the stack's directory).
        case renderedFiles([String])
        /// Calls a module whose Terraform changed.
        case module(String)
        /// Reads the outputs of these affected stacks through remote state.
        case downstream(of: [String])

        public var description: String {
            switch self {
            case .added: "new stack"
            case .renderedFiles(let files): "rendered files changed: \(files.joined(separator: ", "))"
            case .module(let name): "calls changed module \(name)"
            case .downstream(let upstream): "downstream of \(upstream.joined(separator: ", ")) (reads their outputs)"
            }
        }
    }

    public struct Stack: Sendable, Equatable {
        public var descriptor: StackDescriptor
        public var reasons: [Reason]
        /// 1 for stacks that depend on no other affected stack.
        public var wave: Int
        /// The role a pipeline assumes to apply it (the account's deploy role from the spec), if any.
        public var deployRole: String?
        /// True when the stack is only here because it reads an affected stack's outputs.
        public var downstreamOnly: Bool {
            reasons.allSatisfy { if case .downstream = $0 { true } else { false } }
        }
        public var id: String { descriptor.id }
    }

    /// In apply order.
    public var stacks: [Stack]
    /// Stacks rendered at the base and no longer: their resources are destroyed outside a plan of
    /// the working tree, so they are listed for a person to look at.
    public var removed: [String]
    public var changedModules: [String]

    /// Ids by wave, first wave first.
    public var waves: [[String]] {
        let count = stacks.map(\.wave).max() ?? 0
        return (1...max(count, 1)).map { wave in stacks.filter { $0.wave == wave }.map(\.id) }.filter { !$0.isEmpty }
    }

    public init(stacks: [Stack], removed: [String], changedModules: [String]) {
        self.stacks = stacks
        self.removed = removed
        self.changedModules = changedModules
    }

    /// Compares two renders of the same target. `changedModules` are the modules whose Terraform
    /// differs (`ModuleCalls.changedModules`); `deployRoles` maps an account to its deploy role.
    public static func compare(
        base: RenderedInfrastructure, head: RenderedInfrastructure, changedModules: Set<String>,
        deployRoles: [String: String] = [:]
    ) throws -> AffectedStacks {
        let changed = Set(base.files.keys).union(head.files.keys).filter { base.files[$0] != head.files[$0] }
        return try compare(
            baseStacks: base.stacks, headStacks: head.stacks, changedPaths: changed, changedModules: changedModules,
            deployRoles: deployRoles
        ) { ModuleCalls.modules(inStackFiles: head.files, stack: $0) }
    }

    /// The same comparison on two renders kept as values (`StackRenderer.renderStacks()`): a file
    /// differs when its text would, which is decided without writing either side out.
    public static func compare(
        base: RenderedStacks, head: RenderedStacks, changedModules: Set<String>, deployRoles: [String: String] = [:]
    ) throws -> AffectedStacks {
        var changed = Set<String>()
        for (path, value) in head.documents where !(base.documents[path].map { $0.rendersSame(as: value) } ?? false) {
            changed.insert(path)
        }
        for path in base.documents.keys where head.documents[path] == nil { changed.insert(path) }
        return try compare(
            baseStacks: base.stacks, headStacks: head.stacks, changedPaths: changed, changedModules: changedModules,
            deployRoles: deployRoles
        ) { ModuleCalls.modules(inStackDocuments: head.documents, stack: $0) }
    }

    /// Both comparisons once the paths whose contents differ are known; `modulesOf` gives the
    /// modules a head stack calls.
    static func compare(
        baseStacks: [StackDescriptor], headStacks: [StackDescriptor], changedPaths: Set<String>, changedModules: Set<String>,
        deployRoles: [String: String], modulesOf: (String) -> Set<String>
    ) throws -> AffectedStacks {
        let graph = try StackGraph(headStacks)
        let baseIDs = Set(baseStacks.map(\.id))
        let headIDs = Set(headStacks.map(\.id))
        var filesByStack: [String: [String]] = [:]
        for path in changedPaths {
            // A stack's files sit directly in its directory, which is its id.
            guard let slash = path.lastIndex(of: "/"), headIDs.contains(String(path[..<slash])) else { continue }
            filesByStack[String(path[..<slash]), default: []].append(String(path[path.index(after: slash)...]))
        }
        var reasons: [String: [Reason]] = [:]
        for stack in headStacks {
            if !baseIDs.contains(stack.id) {
                reasons[stack.id, default: []].append(.added)
            } else if let files = filesByStack[stack.id] {
                reasons[stack.id, default: []].append(.renderedFiles(files.sorted()))
            }
            if !changedModules.isEmpty {
                for module in modulesOf(stack.id).intersection(changedModules).sorted() {
                    reasons[stack.id, default: []].append(.module(module))
                }
            }
        }
        // Downstream: walk dependents in apply order, so each stack sees its upstreams decided.
        var inSet = Set(reasons.keys)
        for stack in graph.applyOrder where reasons[stack.id] == nil {
            let upstream = stack.dependsOn.filter(inSet.contains).sorted()
            if !upstream.isEmpty {
                reasons[stack.id] = [.downstream(of: upstream)]
                inSet.insert(stack.id)
            }
        }
        var wave: [String: Int] = [:]
        var result: [Stack] = []
        for stack in graph.applyOrder {
            guard let why = reasons[stack.id] else { continue }
            let level = 1 + (stack.dependsOn.compactMap { wave[$0] }.max() ?? 0)
            wave[stack.id] = level
            result.append(Stack(descriptor: stack, reasons: why, wave: level, deployRole: stack.account.flatMap { deployRoles[$0] }))
        }
        return AffectedStacks(
            stacks: result, removed: baseStacks.map(\.id).filter { !headIDs.contains($0) }.sorted(),
            changedModules: changedModules.sorted())
    }
}
