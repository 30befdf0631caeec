import Foundation
import PlinthLoader
import PlinthRender
import Testing

@testable import PlinthProvisioning

/// What `up --local` and `down --local` take from a rendered tree, with and without `--stack`.
@Suite struct StackSelectionTests {
    static func stack(
        _ id: String, _ dependsOn: [String] = [], provider: String = "aws", bootstrap: Bool = false,
        blockedBy: String? = nil
    ) -> StackDescriptor {
        StackDescriptor(
            id: id, directory: id, provider: provider, account: nil, region: nil, workspace: "default",
            stateKey: "\(id)/terraform.tfstate", stateObject: "\(id)/terraform.tfstate", dependsOn: dependsOn,
            bootstrap: bootstrap, blockedBy: blockedBy)
    }

    /// In apply order, as the renderer gives them.
    static let rendered = RenderedInfrastructure(
        files: [:],
        stacks: [
            stack("state", bootstrap: true),
            stack("org", ["state"]),
            stack("hub", ["org"]),
            stack("spoke", ["hub"]),
            stack("vendor-link", ["org"], blockedBy: "vendor-contract"),
            stack("vendor-app", ["vendor-link"]),
            stack("saas/github", provider: "github"),
        ],
        disabled: [
            DisabledResource(stack: "state", resource: "module.state.lifecycle", reason: "slow"),
            DisabledResource(stack: "spoke", resource: "module.spoke.flow_logs", reason: "not served"),
        ])

    @Test func everyAWSStackThatIsNotHeldBackByDefault() throws {
        let choice = try StackSelection().choose(from: Self.rendered)
        #expect(choice.stacks.map(\.id) == ["state", "org", "hub", "spoke"])
        #expect(
            choice.switchedOff == [
                SwitchedOffResource(stack: "state", resource: "module.state.lifecycle", reason: "slow"),
                SwitchedOffResource(stack: "spoke", resource: "module.spoke.flow_logs", reason: "not served"),
                SwitchedOffResource(stack: "vendor-link", resource: "whole stack", reason: "blocked by vendor-contract"),
                SwitchedOffResource(stack: "vendor-app", resource: "whole stack", reason: "depends on vendor-link, which is not applied"),
            ])
    }

    @Test func aRequestedStackBringsWhatItDependsOnAndNothingElse() throws {
        let choice = try StackSelection(requested: ["hub"]).choose(from: Self.rendered)
        #expect(choice.stacks.map(\.id) == ["state", "org", "hub"])
        // Only the selected stacks' switched-off resources; the others are not part of this run.
        #expect(choice.switchedOff == [SwitchedOffResource(stack: "state", resource: "module.state.lifecycle", reason: "slow")])

        let two = try StackSelection(requested: ["spoke", "state"]).choose(from: Self.rendered)
        #expect(two.stacks.map(\.id) == ["state", "org", "hub", "spoke"])
    }

    @Test func aRequestedStackThatReadsNothingStillBringsTheStateBackend() throws {
        let rendered = RenderedInfrastructure(
            files: [:], stacks: [Self.stack("state", bootstrap: true), Self.stack("secrets"), Self.stack("other")], disabled: [])
        #expect(try StackSelection(requested: ["secrets"]).choose(from: rendered).stacks.map(\.id) == ["state", "secrets"])
    }

    @Test func aRequestedStackBehindABlockerIsSkippedWithTheReason() throws {
        let choice = try StackSelection(requested: ["vendor-app"]).choose(from: Self.rendered)
        #expect(choice.stacks.map(\.id) == ["state", "org"])
        #expect(choice.switchedOff.map(\.stack) == ["state", "vendor-link", "vendor-app"])
    }

    @Test func saasStacksSelectNothing() throws {
        #expect(try StackSelection(requested: ["saas/github"]).choose(from: Self.rendered).stacks.isEmpty)
        #expect(StackSelection(requested: []) == StackSelection())
    }

    @Test func unknownStacksAreRefusedAllAtOnceWithTheClosestID() {
        #expect(
            throws: ProvisioningError.unknownStacks([
                .init(id: "ghost", leftOutBecause: nil, closest: nil), .init(id: "spok", leftOutBecause: nil, closest: "spoke"),
            ])
        ) { try StackSelection(requested: ["spoke", "spok", "ghost"]).choose(from: Self.rendered) }
    }

    @Test func aStackTheTargetLeavesOutIsRefusedWithTheReason() throws {
        var rendered = Self.rendered
        rendered.disabled.append(DisabledResource(stack: "audit-config", resource: "whole stack", reason: "one recorder per region"))
        let error = #expect(throws: ProvisioningError.self) { try StackSelection(requested: ["audit-config"]).choose(from: rendered) }
        #expect(error?.description == "stack audit-config is left out of this target: one recorder per region")
    }

    @Test func stacksThatDoNotFormAGraphAreRefused() {
        let broken = RenderedInfrastructure(files: [:], stacks: [Self.stack("a", ["ghost"])], disabled: [])
        #expect(throws: ProvisioningError.stackGraph(.unknownDependency(stack: "a", dependency: "ghost"))) {
            try StackSelection().choose(from: broken)
        }
    }

    @Test func withoutTheStateBucketOnlyTheBootstrapStackIsLeftToDestroy() {
        let directory = URL(fileURLWithPath: "/tmp/plinth-selection")
        let state = TerraformStack.StateLocation.bootstrap(
            localFile: directory.appendingPathComponent("state.tfstate"),
            bucket: "b", objectKey: "state/terraform.tfstate")
        let left = StackSelection.withoutStateBucket([
            TerraformStack(id: "state", directory: directory, workspace: "default", dependsOn: ["org"], state: state),
            TerraformStack(id: "org", directory: directory, workspace: "default", dependsOn: ["state"]),
        ])
        #expect(left == [TerraformStack(id: "state", directory: directory, workspace: "default", dependsOn: [], state: state)])
    }

    @Test func theRepositorysPlatformSelectsAsTheIntegrationRunDoes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try #require(SpecLoader().load(path: root.appendingPathComponent("platform.yaml").path).spec)
        let rendered = try StackRenderer(spec: spec, target: .local(endpoint: "https://127.0.0.1:5000")).render()
        let backend = "shared-services/us-east-1/state-backend"
        #expect(try StackSelection(requested: [backend]).choose(from: rendered).stacks.map(\.id) == [backend])
        let all = try StackSelection().choose(from: rendered)
        #expect(all.stacks.first?.id == backend)
        #expect(all.stacks.allSatisfy { $0.provider == "aws" && $0.blockedBy == nil })
        // Every rendered stack is applied or said to be skipped; whole stacks the local target does
        // not render at all (the render lists them as disabled) are reported as switched off too.
        let renderedIDs = Set(rendered.stacks.map(\.id))
        let wholeStacksOff = all.switchedOff.filter { $0.resource == "whole stack" }
        #expect(all.stacks.count + wholeStacksOff.filter { renderedIDs.contains($0.stack) }.count == rendered.stacks.count)
        let neverRendered = Set(rendered.disabled.filter { $0.resource == "whole stack" && !renderedIDs.contains($0.stack) }.map(\.stack))
        #expect(Set(wholeStacksOff.map(\.stack)).subtracting(renderedIDs) == neverRendered)
    }
}
