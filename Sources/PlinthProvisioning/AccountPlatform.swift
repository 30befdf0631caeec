import Foundation
import PlinthAWS
import PlinthRender
import PlinthSpec

/// The real accounts as a `StackTarget`, the way a pipeline job drives them: the committed tree
/// (`infrastructure/`, which must be exactly what the spec renders, so the stacks run are the
/// reviewed ones), Terraform with the job's own credentials (the stacks' providers assume each
/// account's deploy or plan role with the job's OIDC token, `AWS_WEB_IDENTITY_TOKEN_FILE`), and
/// plinth's client with the same credentials (see `AccountAccess`).
///
/// Every stack, the bootstrap one too, keeps its state in the S3 backend it was rendered with.
/// Nothing here knows about an emulator: pointed at one through `AWS_ENDPOINT_URL`, it runs the
/// committed stacks unchanged, which is how the tests prove this path.
public struct AccountPlatform: StackTarget {
    public var spec: PlatformSpec
    /// The repository: `infrastructure/` and `platform-modules/` are read from here; logs go to
    /// `.plinth/accounts/`.
    public var repositoryRoot: URL
    public var environment: [String: String]
    public var selection: StackSelection
    public var parallelism: Int

    public init(
        spec: PlatformSpec, repositoryRoot: URL, environment: [String: String], selection: StackSelection = StackSelection(),
        parallelism: Int = Provisioner.defaultParallelism
    ) {
        self.spec = spec
        self.repositoryRoot = repositoryRoot
        self.environment = environment
        self.selection = selection
        self.parallelism = parallelism
    }

    public var commandFlags: [String] { [] }
    public var notServed: String { "plinth runs the AWS stacks; a SaaS stack is applied by Terraform with its own provider" }
    public var infrastructureDirectory: URL { repositoryRoot.appendingPathComponent("infrastructure") }
    public var workDirectory: URL { repositoryRoot.appendingPathComponent(".plinth/accounts") }

    /// The committed tree, checked against a fresh render, and the selected stacks in it.
    func committedTree() throws -> (RenderedInfrastructure, StackSelection.Choice) {
        let rendered = try StackRenderer(spec: spec, target: .aws, modulesDirectory: "../platform-modules").render()
        let differences = rendered.differences(from: infrastructureDirectory)
        guard differences.isEmpty else {
            throw ProvisioningError.committedTreeStale(
                directory: infrastructureDirectory.path, files: differences.map { "\($0.path) \($0.kind.rawValue)" })
        }
        return (rendered, try selection.choose(from: rendered))
    }

    public func withStacks<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (PreparedStacks, AWSClient) async throws -> T
    ) async throws -> T {
        let access = try AccountAccess.fromEnvironment(environment)
        let (rendered, choice) = try committedTree()
        return try await access.withSession(environment: environment, workDirectory: workDirectory) { session in
            let runner = try session.terraformRunner(
                for: choice.stacks, environment: environment, logDirectory: workDirectory.appendingPathComponent("logs"))
            let stacks = choice.stacks.map {
                TerraformStack(
                    id: $0.id, directory: infrastructureDirectory.appendingPathComponent($0.directory), workspace: $0.workspace,
                    dependsOn: $0.dependsOn)
            }
            progress(.note("using the committed stacks in \(infrastructureDirectory.path) with the job's AWS credentials"))
            return try await body(
                PreparedStacks(rendered: rendered, stacks: stacks, skipped: choice.switchedOff, runner: runner),
                session.client(region: region))
        }
    }

    public func withSession<T: Sendable>(
        progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (TargetSession) async throws -> T
    ) async throws -> T {
        let access = try AccountAccess.fromEnvironment(environment)
        return try await access.withSession(environment: environment, workDirectory: workDirectory, body)
    }

    public func withClient<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (AWSClient) async throws -> T
    ) async throws -> T {
        let access = try AccountAccess.fromEnvironment(environment)
        return try await access.withHTTPClient { http in try await body(access.client(region: region, http: http)) }
    }
}
