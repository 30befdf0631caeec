import Foundation
import PlinthDelivery
import Testing

/// A plan directory is checked before anything is applied: manifest, plan files, digests.
@Suite struct PlanManifestTests {
    static func directory() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-plans-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("env_dev_app"), withIntermediateDirectories: true)
        let plan = Data("binary plan".utf8)
        try plan.write(to: root.appendingPathComponent("env_dev_app/plan.tfplan"))
        let entry = PlanManifest.Entry(
            id: "env/dev/app", directory: "env_dev_app", dependsOn: [], state: nil, fingerprint: "f",
            planDigest: PlannedChanges.digest(of: plan), added: 1, changed: 0, replaced: 0, destroyed: 0)
        try PlanManifest(commit: "abc", treeDigest: "t", stacks: [entry]).write(to: root)
        return root
    }

    @Test func aCompleteDirectoryReads() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = try PlanManifest.read(from: root)
        #expect(manifest.stacks.map(\.id) == ["env/dev/app"])
        #expect(manifest.commit == "abc")
    }

    @Test func aMissingManifestIsNamed() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("manifest.json"))
        #expect { try PlanManifest.read(from: root) } throws: { "\($0)".contains("no manifest.json") }
    }

    @Test func aCorruptManifestIsNamed() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{ not json".utf8).write(to: root.appendingPathComponent("manifest.json"))
        #expect { try PlanManifest.read(from: root) } throws: { "\($0)".contains("manifest.json is corrupt") }
    }

    @Test func aMissingPlanFileIsNamed() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("env_dev_app/plan.tfplan"))
        #expect { try PlanManifest.read(from: root) } throws: {
            "\($0)".contains("the plan file of env/dev/app") && "\($0)".contains("missing")
        }
    }

    @Test func aDamagedPlanFileIsNamed() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("binary plan, changed".utf8).write(to: root.appendingPathComponent("env_dev_app/plan.tfplan"))
        #expect { try PlanManifest.read(from: root) } throws: { "\($0)".contains("corrupt or was replaced") }
    }

    @Test func theTreeDigestCoversOnlyThePlannedStacks() {
        let files = ["a/main.tf.json": "1", "b/main.tf.json": "1", "ab/main.tf.json": "1"]
        let digest = PlanManifest.treeDigest(files, stacks: ["a"])
        var other = files
        other["b/main.tf.json"] = "2"
        other["ab/main.tf.json"] = "2"
        #expect(PlanManifest.treeDigest(other, stacks: ["a"]) == digest)
        other["a/main.tf.json"] = "2"
        #expect(PlanManifest.treeDigest(other, stacks: ["a"]) != digest)
    }
}
