import PlinthRender
import PlinthSpec
import Testing

/// The values `renderStacks()` keeps are exactly the files `render()` writes.
@Suite struct RenderedStacksTests {
    @Test(arguments: [RenderTarget.aws, .local(endpoint: "http://127.0.0.1:5000")])
    func documentsRenderToTheWrittenFiles(target: RenderTarget) throws {
        let renderer = StackRenderer(spec: try RenderFixture.spec(), target: target)
        let tree = try renderer.render(), stacks = try renderer.renderStacks()
        #expect(stacks.stacks == tree.stacks)
        #expect(stacks.disabled == tree.disabled)
        #expect(Set(stacks.documents.keys).union(["stacks.json", "README.md"]) == Set(tree.files.keys))
        for (path, value) in stacks.documents {
            #expect(value.rendered() == tree.files[path], "\(path)")
        }
    }
}
