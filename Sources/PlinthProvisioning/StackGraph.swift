/// Orders stacks so every stack comes after the stacks it depends on (apply order); `down` walks
/// the same order backwards. Stable: among stacks that are ready together, the given order wins.
public enum StackGraph {
    public static func applyOrder(_ stacks: [TerraformStack]) throws -> [TerraformStack] {
        let ids = Set(stacks.map(\.id))
        if ids.count != stacks.count {
            var seen = Set<String>()
            let duplicate = stacks.first { !seen.insert($0.id).inserted }?.id ?? "?"
            throw ProvisioningError.stackGraph("stack \(duplicate) appears twice")
        }
        for stack in stacks {
            if let missing = stack.dependsOn.first(where: { !ids.contains($0) }) {
                throw ProvisioningError.stackGraph("stack \(stack.id) depends on \(missing), which is not rendered")
            }
        }
        var done = Set<String>()
        var ordered: [TerraformStack] = []
        var remaining = stacks
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { $0.dependsOn.allSatisfy(done.contains) }) else {
                let cycle = remaining.map(\.id).sorted().joined(separator: ", ")
                throw ProvisioningError.stackGraph("dependency cycle among: \(cycle)")
            }
            let stack = remaining.remove(at: next)
            done.insert(stack.id)
            ordered.append(stack)
        }
        return ordered
    }
}
