import PlinthRender

/// Which stacks may run now when independent stacks run side by side: for `up` a stack waits for
/// the stacks it depends on, for `down` for the stacks that depend on it. A scheduling policy over
/// the one `StackGraph` (which fixes what must wait for what); pure bookkeeping, so the ordering
/// rules are testable without Terraform; the provisioner owns the tasks.
public struct StackSchedule: Sendable {
    /// The stacks in the order they are offered: the graph's apply order, or its reverse for `down`.
    public let ordered: [TerraformStack]
    private let waitsFor: [String: Set<String>]
    private(set) var started: Set<String> = []
    private(set) var finished: Set<String> = []

    public init(graph: StackGraph<TerraformStack>, action: StackAction) {
        ordered = action == .apply ? graph.applyOrder : graph.applyOrder.reversed()
        func prerequisites(_ id: String) -> [String] {
            action == .apply ? graph.dependencies(of: id) : graph.dependents(of: id)
        }
        func waiters(_ id: String) -> [String] {
            action == .apply ? graph.dependents(of: id) : graph.dependencies(of: id)
        }
        waitsFor = Dictionary(uniqueKeysWithValues: ordered.map { ($0.id, Set(prerequisites($0.id))) })
        // Height: the longest chain of stacks still waiting behind each one. When more stacks are
        // ready than may run, the tallest go first, so the critical path never waits for a slot.
        // Every waiter comes after what it waits on in `ordered`, so a reverse walk sees it first.
        var height: [String: Int] = [:]
        for stack in ordered.reversed() {
            height[stack.id] = 1 + (waiters(stack.id).map { height[$0] ?? 0 }.max() ?? 0)
        }
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
        priority = ordered.sorted {
            let (a, b) = (height[$0.id] ?? 0, height[$1.id] ?? 0)
            return a != b ? a > b : (position[$0.id] ?? 0) < (position[$1.id] ?? 0)
        }
    }

    /// The stacks, tallest first (see `init`).
    private let priority: [TerraformStack]

    var isComplete: Bool { finished.count == ordered.count }
    var running: Int { started.count - finished.count }

    /// The stacks that may start now, at most `limit - running` of them, those with the longest
    /// chain behind them first; they are marked started.
    public mutating func startReady(limit: Int) -> [TerraformStack] {
        var result: [TerraformStack] = []
        for stack in priority where running + result.count < max(limit, 1) {
            guard !started.contains(stack.id),
                (waitsFor[stack.id] ?? []).isSubset(of: finished)
            else { continue }
            result.append(stack)
        }
        for stack in result { started.insert(stack.id) }
        return result
    }

    public mutating func finish(_ id: String) { finished.insert(id) }
}
