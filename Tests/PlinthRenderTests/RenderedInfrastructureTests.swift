import Foundation
import PlinthRender
import Testing

@Suite("plinth render: writing and checking the tree")
struct RenderedInfrastructureTests {
    func tree(_ files: [String: String]) -> RenderedInfrastructure {
        RenderedInfrastructure(files: files, stacks: [], disabled: [])
    }

    func read(_ root: URL) -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            result[relative] = try? String(contentsOf: url, encoding: .utf8)
        }
        return result
    }

    @Test func writeReplacesTheTreeAndRemovesStaleFiles() throws {
        let scratch = try RenderFixture.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("infrastructure")
        try tree(["a/main.tf.json": "{}\n", "old/stale.tf.json": "{}\n"]).write(to: root)
        try tree(["a/main.tf.json": "{\"x\": 1}\n", "b/c/main.tf.json": "{}\n"]).write(to: root)
        #expect(read(root) == ["a/main.tf.json": "{\"x\": 1}\n", "b/c/main.tf.json": "{}\n"])
        // No staging or retired directories are left next to the tree.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["infrastructure"])
    }

    @Test func failedWriteLeavesTheOldTreeIntact() throws {
        let scratch = try RenderFixture.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("infrastructure")
        let old = ["org/main.tf.json": "{\"old\": true}\n", "stacks.json": "[]\n"]
        try tree(old).write(to: root)
        // "x" is a file and also a directory of "x/y": the second file cannot be written.
        #expect(throws: RenderError.self) { try tree(["a.tf.json": "{}\n", "x": "file\n", "x/y": "under a file\n"]).write(to: root) }
        #expect(read(root) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["infrastructure"])
        // Paths that escape the root are refused before anything is written.
        #expect(throws: RenderError.self) { try tree(["../escape.tf.json": "{}\n"]).write(to: root) }
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("escape.tf.json").path))
        #expect(read(root) == old)
    }

    @Test func differencesFindChangedMissingAndExtraFiles() throws {
        let scratch = try RenderFixture.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("infrastructure")
        let rendered = tree(["same.tf.json": "{}\n", "changed.tf.json": "{\"v\": 2}\n", "dir/missing.tf.json": "{}\n"])
        try tree(["same.tf.json": "{}\n", "changed.tf.json": "{\"v\": 1}\n", "dir/extra.tf.json": "{}\n"]).write(to: root)
        // Terraform's working files are not part of the tree.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dir/.terraform"), withIntermediateDirectories: true)
        try Data("lock".utf8).write(to: root.appendingPathComponent("dir/.terraform.lock.hcl"))
        let differences = rendered.differences(from: root)
        #expect(
            differences == [
                FileDifference(path: "changed.tf.json", kind: .changed),
                FileDifference(path: "dir/extra.tf.json", kind: .extra),
                FileDifference(path: "dir/missing.tf.json", kind: .missing),
            ])
        try rendered.write(to: root)
        #expect(rendered.differences(from: root).isEmpty)
    }

    @Test func renderedPlatformRoundTripsThroughDisk() throws {
        let scratch = try RenderFixture.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("infrastructure")
        let rendered = try RenderFixture.render()
        #expect(rendered.differences(from: root).count == rendered.files.count)
        try rendered.write(to: root)
        #expect(rendered.differences(from: root).isEmpty)
        #expect(read(root) == rendered.files)
    }

    @Test func committedTreeMatchesPlatformYAML() throws {
        let root = RenderFixture.repositoryRoot.appendingPathComponent("infrastructure")
        let differences = try RenderFixture.render().differences(from: root)
        #expect(differences.isEmpty, "infrastructure/ is stale; run plinth render: \(differences.prefix(10))")
    }
}
