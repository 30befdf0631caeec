import PlinthSpec

/// A render's stacks with their files still as JSON values: what two renders are compared on
/// (`plinth affected`), since a file's text is a fixed function of its value and writing every file
/// of a large spec out as text only to compare it was most of that comparison's time.
/// `StackRenderer.render()` turns it into the file tree.
public struct RenderedStacks: Sendable {
    /// Stacks in apply order: every stack comes after all of its `dependsOn`.
    public var stacks: [StackDescriptor]
    /// Path of each stack file (below the output root) to its value, keys sorted: the file's text is
    /// `documents[path].rendered()`. The tree-wide files (`stacks.json`, `README.md`) are not here.
    public var documents: [String: JSONValue]
    /// Resources the target switched off, with reasons (empty for `.aws`).
    public var disabled: [DisabledResource]
    var plans: [StackPlan]
    var workspaceKeyPrefix: String

    init(
        stacks: [StackDescriptor], documents: [String: JSONValue], disabled: [DisabledResource], plans: [StackPlan],
        workspaceKeyPrefix: String
    ) {
        self.stacks = stacks
        self.documents = documents
        self.disabled = disabled
        self.plans = plans
        self.workspaceKeyPrefix = workspaceKeyPrefix
    }
}
