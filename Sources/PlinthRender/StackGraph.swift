import PlinthSpec

/// The apply order of the stacks: a topological order of `dependsOn`, ties broken by id so the order
/// is stable. A cycle is a renderer bug and is reported with the stacks on it.
enum StackGraph {
    static func applyOrder(_ stacks: [StackDescriptor]) throws -> [StackDescriptor] {
        let byID = Dictionary(uniqueKeysWithValues: stacks.map { ($0.id, $0) })
        var remaining = Dictionary(uniqueKeysWithValues: stacks.map { ($0.id, Set($0.dependsOn)) })
        var dependents: [String: [String]] = [:]
        for stack in stacks { for upstream in stack.dependsOn { dependents[upstream, default: []].append(stack.id) } }
        // Ties: the bootstrap stack first, AWS before SaaS, then by id.
        func key(_ id: String) -> (Int, Int, String) {
            let stack = byID[id]
            return (stack?.bootstrap == true ? 0 : 1, stack?.provider == "aws" ? 0 : 1, id)
        }
        func earlier(_ a: String, _ b: String) -> Bool { key(a) < key(b) }
        var ready = remaining.filter { $0.value.isEmpty }.map(\.key).sorted(by: earlier)
        var order: [StackDescriptor] = []
        while !ready.isEmpty {
            let next = ready.removeFirst()
            if let stack = byID[next] { order.append(stack) }
            remaining[next] = nil
            var released: [String] = []
            for dependent in dependents[next] ?? [] {
                remaining[dependent]?.remove(next)
                if remaining[dependent]?.isEmpty == true { released.append(dependent) }
            }
            ready = (ready + released).sorted(by: earlier)
        }
        guard remaining.isEmpty else { throw RenderError.cycle(cycle(in: remaining)) }
        return order
    }

    /// One cycle among the stacks left over, for the error message.
    static func cycle(in remaining: [String: Set<String>]) -> [String] {
        guard var current = remaining.keys.sorted().first else { return [] }
        var path: [String] = []
        while !path.contains(current) {
            path.append(current)
            guard let next = remaining[current]?.filter({ remaining[$0] != nil }).sorted().first else { return path }
            current = next
        }
        return Array(path[(path.firstIndex(of: current) ?? 0)...]) + [current]
    }

    /// `stacks.json`: the graph as data for pipelines and `plinth up`.
    static func document(_ stacks: [StackDescriptor], spec: PlatformSpec, workspaceKeyPrefix: String) -> JSONValue {
        let items: [JSONValue] = stacks.enumerated().map { index, stack in
            var pairs: [(String, JSONValue)] = [
                ("order", .int(index + 1)),
                ("id", .string(stack.id)),
                ("directory", .string(stack.directory)),
                ("provider", .string(stack.provider)),
                ("account", stack.account.map(JSONValue.string) ?? .null),
                ("region", stack.region.map(JSONValue.string) ?? .null),
                ("workspace", .string(stack.workspace)),
                ("stateKey", .string(stack.stateKey)),
                ("stateObject", .string(stack.stateObjectKey(workspaceKeyPrefix: workspaceKeyPrefix))),
                ("dependsOn", .array(stack.dependsOn.map(JSONValue.string))),
                ("bootstrap", .bool(stack.bootstrap)),
            ]
            pairs.append(("blockedBy", stack.blockedBy.map(JSONValue.string) ?? .null))
            return .object(pairs)
        }
        return [
            "generatedBy": "plinth render",
            "backend": [
                "bucket": .string(spec.terraformState.bucket),
                "lockTable": .string(spec.terraformState.lockTable),
                "region": .string(spec.terraformState.region.rawValue),
                "workspaceKeyPrefix": .string(workspaceKeyPrefix),
            ],
            "stacks": .array(items),
        ]
    }
}
