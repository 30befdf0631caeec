/// Which stacks may run now when independent stacks run side by side: for `up` a stack waits for
/// the stacks it depends on, for `down` for the stacks that depend on it. Pure bookkeeping, so
/// the ordering rules are testable without Terraform; the provisioner owns the tasks.
struct StackSchedule {
    /// The stacks in the order they are offered (apply order, or its reverse for `down`).
    let ordered: [TerraformStack]
    private let waitsFor: [String: Set<String>]
    private(set) var started: Set<String> = []
    private(set) var finished: Set<String> = []

    /// `ordered` must already be a valid graph order (see `StackGraph.applyOrder`).
    init(ordered: [TerraformStack], action: StackAction) {
        self.ordered = ordered
        let ids = Set(ordered.map(\.id))
        var waits: [String: Set<String>] = [:]
        for stack in ordered { waits[stack.id, default: []] = [] }
        for stack in ordered {
            for dependency in stack.dependsOn where ids.contains(dependency) {
                switch action {
                case .apply: waits[stack.id, default: []].insert(dependency)
                case .destroy: waits[dependency, default: []].insert(stack.id)
                }
            }
        }
        waitsFor = waits
    }

    var isComplete: Bool { finished.count == ordered.count }
    var running: Int { started.count - finished.count }

    /// The stacks that may start now, at most `limit - running` of them, in offered order; they
    /// are marked started.
    mutating func startReady(limit: Int) -> [TerraformStack] {
        var result: [TerraformStack] = []
        for stack in ordered where running + result.count < max(limit, 1) {
            guard !started.contains(stack.id),
                  (waitsFor[stack.id] ?? []).isSubset(of: finished) else { continue }
            result.append(stack)
        }
        for stack in result { started.insert(stack.id) }
        return result
    }

    mutating func finish(_ id: String) { finished.insert(id) }
}
