import PlinthSpec

/// `stacks.json`: the stack graph in apply order as data, for pipelines and `plinth up`.
enum StacksDocument {
    static func json(_ stacks: [StackDescriptor], spec: PlatformSpec, workspaceKeyPrefix: String) -> JSONValue {
        let items: [JSONValue] = stacks.enumerated().map { index, stack in
            .object([
                ("order", .int(index + 1)),
                ("id", .string(stack.id)),
                ("directory", .string(stack.directory)),
                ("provider", .string(stack.provider)),
                ("account", stack.account.map(JSONValue.string) ?? .null),
                ("region", stack.region.map(JSONValue.string) ?? .null),
                ("workspace", .string(stack.workspace)),
                ("stateKey", .string(stack.stateKey)),
                ("stateObject", .string(stack.stateObject)),
                ("dependsOn", .array(stack.dependsOn.map(JSONValue.string))),
                ("bootstrap", .bool(stack.bootstrap)),
                ("blockedBy", stack.blockedBy.map(JSONValue.string) ?? .null),
                ("requiredVariables", .array(stack.requiredVariables.map(JSONValue.string))),
            ])
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
