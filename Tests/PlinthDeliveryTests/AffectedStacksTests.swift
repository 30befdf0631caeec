import PlinthDelivery
import PlinthRender
import Testing

/// The comparison itself on small hand-made trees: added, removed and downstream stacks, and waves.
@Suite struct AffectedStacksTests {
    static func descriptor(_ id: String, _ dependsOn: [String] = []) -> StackDescriptor {
        StackDescriptor(
            id: id, directory: id, provider: "aws", account: "dev", region: "us-east-1", workspace: "dev",
            stateKey: id, stateObject: id, dependsOn: dependsOn)
    }

    static func tree(_ stacks: [StackDescriptor], _ files: [String: String]) -> RenderedInfrastructure {
        RenderedInfrastructure(files: files, stacks: stacks, disabled: [])
    }

    @Test func downstreamStacksFollowInLaterWavesAndUnrelatedOnesStayOut() throws {
        let stacks = [Self.descriptor("a"), Self.descriptor("b", ["a"]), Self.descriptor("c", ["b"]), Self.descriptor("d")]
        let base = Self.tree(stacks, ["a/main.tf.json": "1", "b/main.tf.json": "1", "c/main.tf.json": "1", "d/main.tf.json": "1"])
        var changedFiles = base.files
        changedFiles["a/main.tf.json"] = "2"
        let head = Self.tree(stacks, changedFiles)
        let affected = try AffectedStacks.compare(base: base, head: head, changedModules: [], deployRoles: ["dev": "deployer"])
        #expect(affected.stacks.map(\.id) == ["a", "b", "c"])
        #expect(affected.waves == [["a"], ["b"], ["c"]])
        #expect(affected.stacks.map(\.downstreamOnly) == [false, true, true])
        #expect(affected.stacks[1].reasons == [.downstream(of: ["a"])])
        #expect(affected.stacks.allSatisfy { $0.deployRole == "deployer" })
    }

    @Test func addedAndRemovedStacksAreNamed() throws {
        let base = Self.tree([Self.descriptor("a"), Self.descriptor("gone")], ["a/main.tf.json": "1", "gone/main.tf.json": "1"])
        let head = Self.tree([Self.descriptor("a"), Self.descriptor("new")], ["a/main.tf.json": "1", "new/main.tf.json": "1"])
        let affected = try AffectedStacks.compare(base: base, head: head, changedModules: [])
        #expect(affected.stacks.map(\.id) == ["new"])
        #expect(affected.stacks.first?.reasons == [.added])
        #expect(affected.removed == ["gone"])
    }

}
