import PlinthRender
import PlinthSpec

/// Which rendered stacks a local `up` or `down` works on, and why others in scope are left out.
///
/// The stacks asked for (`--stack`) and everything they depend on, or every stack; of those only
/// AWS stacks (the emulator serves nothing else), and neither a stack a procurement blocker holds
/// back nor one that depends on a stack left out. Pure, so what a run will touch is testable
/// without an emulator or Terraform.
public struct StackSelection: Sendable, Equatable {
    /// Stack ids asked for; nil for every stack.
    public var requested: Set<String>?

    /// `requested` empty selects every stack, as `up` without `--stack` does.
    public init(requested: [String] = []) {
        self.requested = requested.isEmpty ? nil : Set(requested)
    }

    /// What a selection takes from a rendered tree.
    public struct Choice: Sendable, Equatable {
        /// The stacks to run, in the rendered apply order.
        public var stacks: [StackDescriptor]
        /// What the run's summary lists as left out: the resources the target switched off in the
        /// selected stacks (in every stack when none were asked for), then the stacks skipped.
        public var switchedOff: [SwitchedOffResource]
    }

    public func choose(from rendered: RenderedInfrastructure) throws(ProvisioningError) -> Choice {
        try checkRequested(against: rendered)
        let graph = try Provisioner.graph(rendered.stacks)
        // Every other stack keeps its state in the bucket the bootstrap stack makes: an AWS stack
        // asked for brings it along even when it reads none of its outputs.
        let wanted = requested.map { ids -> Set<String> in
            let closure = graph.closure(of: ids)
            let needsState = rendered.stacks.contains { closure.contains($0.id) && $0.provider == "aws" && !$0.bootstrap }
            return needsState ? graph.closure(of: closure.union(rendered.stacks.filter(\.bootstrap).map(\.id))) : closure
        }
        var excluded = Set<String>()
        var skipped: [SwitchedOffResource] = []
        var selected: [StackDescriptor] = []
        for stack in rendered.stacks {
            // Outside the request, or not on AWS: out of scope, not worth a line in the summary.
            if let wanted, !wanted.contains(stack.id) {
                excluded.insert(stack.id)
                continue
            }
            if stack.provider != "aws" {
                excluded.insert(stack.id)
                continue
            }
            if let blocker = stack.blockedBy {
                excluded.insert(stack.id)
                skipped.append(SwitchedOffResource(stack: stack.id, resource: "whole stack", reason: "blocked by \(blocker)"))
                continue
            }
            if let upstream = stack.dependsOn.first(where: excluded.contains) {
                excluded.insert(stack.id)
                skipped.append(
                    SwitchedOffResource(stack: stack.id, resource: "whole stack", reason: "depends on \(upstream), which is not applied"))
                continue
            }
            selected.append(stack)
        }
        let ids = Set(selected.map(\.id))
        let off = rendered.disabled.filter { wanted == nil || ids.contains($0.stack) }
            .map { SwitchedOffResource(stack: $0.stack, resource: $0.resource, reason: $0.reason) }
        return Choice(stacks: selected, switchedOff: off + skipped)
    }

    /// A requested id the tree lacks would otherwise select nothing and report success.
    private func checkRequested(against rendered: RenderedInfrastructure) throws(ProvisioningError) {
        guard let requested else { return }
        let ids = rendered.stacks.map(\.id)
        let missing = requested.subtracting(ids).sorted()
        guard !missing.isEmpty else { return }
        let leftOut = Dictionary(
            rendered.disabled.filter { $0.resource == "whole stack" }.map { ($0.stack, $0.reason) }, uniquingKeysWith: { first, _ in first }
        )
        throw .unknownStacks(
            missing.map { id in
                ProvisioningError.UnknownStack(
                    id: id, leftOutBecause: leftOut[id], closest: leftOut[id] == nil ? Suggestion.closest(to: id, among: ids) : nil)
            })
    }

    /// What `down` can still destroy once the state bucket is gone: only the bootstrap stack,
    /// whose state is then in its local file; every other stack's state went with the bucket.
    public static func withoutStateBucket(_ stacks: [TerraformStack]) -> [TerraformStack] {
        stacks.compactMap { stack in
            guard case .bootstrap = stack.state else { return nil }
            return TerraformStack(id: stack.id, directory: stack.directory, workspace: stack.workspace, dependsOn: [], state: stack.state)
        }
    }
}
