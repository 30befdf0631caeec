import PlinthRender
import PlinthSpec

/// The pipelines of every repository in `pipelines.repositories`, rendered from the same spec as
/// the stacks, so a check name, a deploy role's trust and a job cannot drift apart.
public struct PipelineRenderer: Sendable {
    public var spec: PlatformSpec
    /// The rendered stacks (real target): the apply jobs follow their graph.
    public var stacks: [StackDescriptor]

    public init(spec: PlatformSpec, stacks: [StackDescriptor]) {
        self.spec = spec
        self.stacks = stacks
    }

    /// What a repository holds decides its pipeline.
    public enum Kind: String, Sendable {
        case infrastructure, modules, service, other
    }

    public func kind(of repository: RepositorySpec) -> Kind {
        let name = repository.name
        if spec.pipelines.deployRoles.contains(where: { $0.repository == name }), name.rawValue == "infrastructure" {
            return .infrastructure
        }
        if name.rawValue == "platform-modules" { return .modules }
        if spec.pipelines.containerRepositories.contains(where: { $0.sourceRepository == name }) { return .service }
        return .other
    }

    /// The workflows of one repository.
    public func workflows(for repository: RepositorySpec) -> [Workflow] {
        switch kind(of: repository) {
        case .infrastructure:
            let infrastructure = InfrastructurePipelines(spec: spec, stacks: stacks, repository: repository)
            return [infrastructure.checks(), infrastructure.deliver(), infrastructure.drift()]
                + PreviewPipelines(spec: spec, repository: repository).workflows()
        case .modules: return ModulesPipelines(repository: repository).workflows()
        case .service: return ServicePipelines(spec: spec, repository: repository).workflows()
        case .other: return []
        }
    }

    /// Every rendered file, keyed by its path under `pipelines/`:
    /// `<repository>/.github/workflows/<file>`, `<repository>/.github/dependabot.yml` and
    /// `<repository>/.github/actionlint.yaml` (the runner labels actionlint must know) and, for a
    /// service, `<repository>/.github/scan-exceptions.json` (the exceptions its publish gate honours).
    public func files() -> [String: String] {
        var files: [String: String] = [:]
        for repository in spec.pipelines.repositories {
            let root = "\(repository.name.rawValue)/.github"
            for workflow in workflows(for: repository) { files["\(root)/workflows/\(workflow.file)"] = workflow.yaml() }
            files["\(root)/dependabot.yml"] = Dependabot(kind: kind(of: repository)).yaml()
            files["\(root)/actionlint.yaml"] = actionlintConfig()
            if kind(of: repository) == .service {
                let images = spec.pipelines.containerRepositories.filter { $0.sourceRepository == repository.name }
                files["\(repository.name.rawValue)/\(ServicePipelines.exceptionsFile)"] = ScanGate.exceptionsFile(for: images)
            }
        }
        return files
    }

    func actionlintConfig() -> String {
        let labels = spec.pipelines.runners.labels.filter { $0 != "self-hosted" }
        return "# Rendered by plinth from platform.yaml (pipelines.runners.labels); do not edit.\n"
            + YAMLText.mapping([("self-hosted-runner", .mapping([("labels", .sequence(labels.map(YAMLText.scalar)))]))]).render()
    }

    /// The repository's identity in OIDC subjects.
    public func identity(of repository: Name) -> GitHubRepositoryIdentity {
        GitHubRepositoryIdentity(owner: spec.pipelines.githubOrganization, repository: repository.rawValue)
    }

    /// The trust of every deploy role, as the ci-oidc stacks render it.
    public func trusts() -> [OIDCTrust] {
        spec.pipelines.deployRoles.map { OIDCTrust($0, identity: identity(of: $0.repository)) }
    }
}
