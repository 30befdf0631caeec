import PlinthRender
import Testing

/// What `plinth render` prints, written and checked, for people and for tools.
@Suite struct RenderReportTests {
    static func stack(_ id: String, provider: String = "aws") -> StackDescriptor {
        StackDescriptor(
            id: id, directory: id, provider: provider, account: nil, region: nil, workspace: "default",
            stateKey: "\(id)/terraform.tfstate", stateObject: "\(id)/terraform.tfstate", dependsOn: [])
    }

    static let rendered = RenderedInfrastructure(
        files: ["org/main.tf.json": "{}", "org/backend.tf.json": "{}", "saas/github/main.tf.json": "{}", "stacks.json": "{}"],
        stacks: [stack("org"), stack("saas/github", provider: "github")],
        disabled: [DisabledResource(stack: "org", resource: "module.org.policy", reason: "not served")])

    @Test func aWriteListsEveryStackAndWhatChanged() {
        let report = RenderReport(
            rendered: Self.rendered,
            differences: [
                FileDifference(path: "org/main.tf.json", kind: .changed),
                FileDifference(path: "stacks.json", kind: .changed),
                FileDifference(path: "old/main.tf.json", kind: .extra),
            ],
            root: "/repo/infrastructure", display: "infrastructure", check: false, milliseconds: 12.4)
        #expect(report.ok)
        #expect(report.failure == nil)
        #expect(
            report.text() == """
                  written    org           aws
                  unchanged  saas/github   github
                  written    stacks.json
                  switched off  org  module.org.policy: not served
                rendered 2 stacks into infrastructure/: 1 written, 1 unchanged, 1 stale file removed (12 ms)

                """)
    }

    @Test func aCleanCheckSaysSoAndADirtyOneFailsNamingEachFile() {
        let clean = RenderReport(
            rendered: Self.rendered, differences: [], root: "/repo/infrastructure", display: "infrastructure",
            check: true, milliseconds: 3)
        #expect(clean.ok)
        #expect(clean.text() == "infrastructure/ is up to date: 2 stacks, 4 files (3 ms)\n")
        #expect(clean.failure == nil)

        let dirty = RenderReport(
            rendered: Self.rendered,
            differences: [
                FileDifference(path: "org/main.tf.json", kind: .changed),
                FileDifference(path: "saas/github/main.tf.json", kind: .missing),
            ],
            root: "/repo/infrastructure", display: "infrastructure", check: true, milliseconds: 3)
        #expect(!dirty.ok)
        #expect(dirty.text() == "changed   infrastructure/org/main.tf.json\nmissing   infrastructure/saas/github/main.tf.json\n")
        #expect(dirty.failure == "2 files differ from what platform.yaml renders; run `plinth render` and commit the result")
    }

    @Test func jsonGivesEachStacksStatusAndEveryDifference() throws {
        let report = RenderReport(
            rendered: Self.rendered, differences: [FileDifference(path: "org/main.tf.json", kind: .changed)],
            root: "/repo/infrastructure", display: "infrastructure", check: true, milliseconds: 3.14)
        let json = report.json()
        #expect(json.hasSuffix("}\n"))
        for fragment in [
            #""ok": false"#, #""check": true"#, #""output": "/repo/infrastructure""#, #""milliseconds": 3.1"#,
            #""status": "differs""#, #""status": "unchanged""#, #""kind": "changed""#,
        ] {
            #expect(json.contains(fragment), "\(fragment) not in \(json)")
        }
    }
}
