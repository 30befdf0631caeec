/// Something `StackGraph` can order: a root stack, by id, and the ids it must follow.
public protocol StackGraphNode {
    var id: String { get }
    var dependsOn: [String] { get }
}

extension StackDescriptor: StackGraphNode {}

/// Why stacks do not form a graph that can be applied in some order.
public enum StackGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicate(String)
    case unknownDependency(stack: String, dependency: String)
    /// One cycle, as a path that ends where it starts (`a -> b -> a`).
    case cycle([String])

    public var description: String {
        switch self {
        case .duplicate(let id): "stack \(id) appears twice"
        case .unknownDependency(let stack, let dependency): "stack \(stack) depends on \(dependency), which is not rendered"
        case .cycle(let path): "dependency cycle: \(path.joined(separator: " -> "))"
        }
    }
}

/// The dependency graph of root stacks, the one place that orders them: the renderer writes
/// `stacks.json` in its order, `up` applies and `down` destroys along it, and a selection of
/// stacks takes what they depend on from it. Building it checks the graph once (unique ids, known
/// dependencies, no cycle), so nothing downstream has to.
public struct StackGraph<Stack: StackGraphNode & Sendable>: Sendable {
    /// Every stack after the stacks it depends on. Among stacks that are ready together the one
    /// given first comes first: the caller's order is the only tie-break, so a caller that wants a
    /// stable order (the renderer) passes its stacks in that order.
    public let applyOrder: [Stack]
    private let dependenciesByID: [String: [String]]
    private let dependentsByID: [String: [String]]

    public init(_ stacks: [Stack]) throws(StackGraphError) {
        var position: [String: Int] = [:]
        for (index, stack) in stacks.enumerated() {
            guard position.updateValue(index, forKey: stack.id) == nil else { throw .duplicate(stack.id) }
        }
        var dependents: [String: [String]] = [:]
        var waiting = [Int](repeating: 0, count: stacks.count)
        for (index, stack) in stacks.enumerated() {
            var seen = Set<String>()
            for dependency in stack.dependsOn where seen.insert(dependency).inserted {
                guard position[dependency] != nil else { throw .unknownDependency(stack: stack.id, dependency: dependency) }
                dependents[dependency, default: []].append(stack.id)
                waiting[index] += 1
            }
        }
        // Kahn's walk; `ready` holds positions in descending order, so the earliest is popped last.
        var ready = stacks.indices.filter { waiting[$0] == 0 }.reversed() as [Int]
        var order: [Stack] = []
        order.reserveCapacity(stacks.count)
        while let next = ready.popLast() {
            order.append(stacks[next])
            for dependent in dependents[stacks[next].id] ?? [] {
                guard let index = position[dependent] else { continue }
                waiting[index] -= 1
                if waiting[index] == 0 {
                    let slot = ready.firstIndex { $0 < index } ?? ready.endIndex
                    ready.insert(index, at: slot)
                }
            }
        }
        guard order.count == stacks.count else {
            let left = Dictionary(
                uniqueKeysWithValues: stacks.indices.filter { waiting[$0] > 0 }.map {
                    (stacks[$0].id, stacks[$0].dependsOn)
                })
            throw .cycle(Self.cycle(in: left))
        }
        applyOrder = order
        dependenciesByID = Dictionary(uniqueKeysWithValues: stacks.map { ($0.id, $0.dependsOn) })
        dependentsByID = dependents
    }

    /// The stacks `id` depends on directly.
    public func dependencies(of id: String) -> [String] { dependenciesByID[id] ?? [] }

    /// The stacks that depend on `id` directly.
    public func dependents(of id: String) -> [String] { dependentsByID[id] ?? [] }

    /// The stacks with these ids and everything they depend on, transitively. Ids that are not
    /// stacks of the graph are left out.
    public func closure(of ids: some Sequence<String>) -> Set<String> {
        var result = Set<String>()
        var queue = ids.filter { dependenciesByID[$0] != nil }
        while let id = queue.popLast() {
            guard result.insert(id).inserted else { continue }
            queue += dependencies(of: id)
        }
        return result
    }

    /// One cycle among the stacks the walk could not order (each still waits on one of the others).
    private static func cycle(in left: [String: [String]]) -> [String] {
        guard var current = left.keys.sorted().first else { return [] }
        var path: [String] = []
        while !path.contains(current) {
            path.append(current)
            guard let next = left[current]?.filter({ left[$0] != nil }).sorted().first else { return path }
            current = next
        }
        return Array(path[(path.firstIndex(of: current) ?? 0)...]) + [current]
    }
}
