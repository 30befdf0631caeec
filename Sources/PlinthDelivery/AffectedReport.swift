import PlinthSpec

/// How `plinth affected` shows its result: text for a person, JSON for a workflow's matrix.
public struct AffectedReport: Sendable {
    public var result: AffectedFinder.Result

    public init(result: AffectedFinder.Result) { self.result = result }

    public func text() -> String {
        let affected = result.affected
        let downstream = affected.stacks.filter(\.downstreamOnly).count
        var out = "\(affected.stacks.count) stack\(affected.stacks.count == 1 ? "" : "s") affected since \(result.revision)"
        out += " (\(result.baseCommit.prefix(12)))"
        out += downstream > 0 ? ", \(downstream) of them only downstream\n" : "\n"
        if !affected.changedModules.isEmpty { out += "changed modules: \(affected.changedModules.joined(separator: ", "))\n" }
        for (index, wave) in affected.waves.enumerated() {
            out += "wave \(index + 1)\n"
            for id in wave {
                guard let stack = affected.stacks.first(where: { $0.id == id }) else { continue }
                let place = [stack.descriptor.account.map { "account \($0)" }, stack.deployRole.map { "role \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                out += "  \(stack.downstreamOnly ? "(downstream) " : "")\(id)\(place.isEmpty ? "" : "  [\(place)]")\n"
                for reason in stack.reasons { out += "      \(reason)\n" }
            }
        }
        for id in affected.removed { out += "removed (not rendered any more; its resources need a destroy): \(id)\n" }
        return out
    }

    public func json() -> String {
        let affected = result.affected
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let stacks: [JSONValue] = affected.stacks.map { stack in
            .object([
                ("id", .string(stack.id)),
                ("wave", .int(stack.wave)),
                ("downstreamOnly", .bool(stack.downstreamOnly)),
                ("provider", .string(stack.descriptor.provider)),
                ("account", optional(stack.descriptor.account)),
                ("region", optional(stack.descriptor.region)),
                ("workspace", .string(stack.descriptor.workspace)),
                ("deployRole", optional(stack.deployRole)),
                ("blockedBy", optional(stack.descriptor.blockedBy)),
                ("reasons", .array(stack.reasons.map { .string($0.description) })),
            ])
        }
        return JSONValue.object([
            ("base", .string(result.revision)),
            ("baseCommit", .string(result.baseCommit)),
            ("stacks", .array(stacks)),
            ("waves", .array(affected.waves.map { .array($0.map(JSONValue.string)) })),
            ("changedModules", .array(affected.changedModules.map(JSONValue.string))),
            ("removed", .array(affected.removed.map(JSONValue.string))),
        ]).rendered()
    }
}
