import Foundation
import PlinthLoader
import PlinthPipelines
import PlinthRender
import PlinthSpec
import Testing
import Yams

/// The repository's spec, its rendered stacks and workflows, and the reviewed action pins with
/// each action's declared inputs (a copy of the shared list, kept with the tests).
enum PipelineFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let actionsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/actions")

    static func spec() throws -> PlatformSpec {
        let result = SpecLoader().load(path: repositoryRoot.appendingPathComponent("platform.yaml").path)
        return try #require(result.spec, "platform.yaml must load: \(result.errors.map(\.description))")
    }

    struct Rendered {
        var spec: PlatformSpec
        var infrastructure: RenderedInfrastructure
        var renderer: PipelineRenderer
        var workflows: [String: [Workflow]]
    }

    static func render() throws -> Rendered {
        let spec = try spec()
        let infrastructure = try StackRenderer(spec: spec, target: .aws).render()
        let renderer = PipelineRenderer(spec: spec, stacks: infrastructure.stacks)
        var workflows: [String: [Workflow]] = [:]
        for repository in spec.pipelines.repositories { workflows[repository.name.rawValue] = renderer.workflows(for: repository) }
        return Rendered(spec: spec, infrastructure: infrastructure, renderer: renderer, workflows: workflows)
    }

    /// `owner/repo` -> pinned SHA, from pinned-actions.json.
    static func pins() throws -> [String: String] {
        let data = try Data(contentsOf: actionsDirectory.appendingPathComponent("pinned-actions.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let actions = try #require(root["actions"] as? [String: [String: String]])
        return actions.compactMapValues { $0["sha"] }
    }

    /// Declared and required inputs of every action.yml in the list, keyed by the `uses:` path
    /// (`github/codeql-action/init` for the files named `codeql-action.init.action.yml`).
    static func actionInputs() throws -> [String: PipelineChecks.ActionInputs] {
        var result: [String: PipelineChecks.ActionInputs] = [:]
        for owner in try FileManager.default.contentsOfDirectory(atPath: actionsDirectory.path) {
            let directory = actionsDirectory.appendingPathComponent(owner)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in files where file.hasSuffix(".action.yml") {
                let path = file.dropLast(".action.yml".count).replacingOccurrences(of: ".", with: "/")
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
                let inputs = yaml["inputs"] as? [String: Any] ?? [:]
                let required = inputs.compactMap { name, value -> String? in
                    guard let body = value as? [String: Any], body["required"] as? Bool == true, body["default"] == nil else { return nil }
                    return name
                }
                result["\(owner)/\(path)"] = .init(declared: Set(inputs.keys), required: Set(required))
            }
        }
        return result
    }

    /// Branch protection contexts per repository, read from the rendered saas/github stack.
    static func branchProtection(_ rendered: Rendered) throws -> [String: [String]] {
        let stack = try #require(rendered.infrastructure.files["saas/github/repositories/main.tf.json"])
        return PipelineChecks.branchProtectionContexts(stackJSON: stack)
    }

    /// Deploy-role trusts read from every rendered ci-oidc stack.
    static func trusts(_ rendered: Rendered) throws -> [OIDCTrust] {
        try rendered.infrastructure.stacks.filter { $0.id.hasSuffix("/ci-oidc") }.flatMap { stack in
            let file = try #require(rendered.infrastructure.files["\(stack.directory)/main.tf.json"])
            return PipelineChecks.trusts(ciOIDCStackJSON: file, account: try #require(stack.account))
        }
    }
}
