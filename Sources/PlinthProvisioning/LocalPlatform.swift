import AsyncHTTPClient
import Foundation
import PlinthAWS
import PlinthRender
import PlinthSpec

/// `plinth up --local` and `plinth down --local` as a library: finds or starts the emulator,
/// renders the local target into `.plinth/local/infrastructure`, applies (or destroys) its AWS
/// stacks in graph order with Terraform, and reads the result back through the AWS APIs.
///
/// State: the state-backend stack is applied first with a local state file, which is then
/// migrated into the bucket it created (as `stacks.json` prescribes for the bootstrap stack);
/// every other stack uses the rendered S3 backend on the emulator with DynamoDB locking from the
/// start. `down` migrates the state-backend's state back to the local file before destroying it.
public struct LocalPlatform: Sendable {
    public var spec: PlatformSpec
    /// The repository: `platform-modules/` is read from here, `.plinth/local/` is written here
    /// (the rendered tree at `.plinth/local/infrastructure` reaches the modules three levels up).
    public var repositoryRoot: URL
    public var environment: [String: String]
    public var unlockStaleLocks: Bool
    /// Which rendered stacks are applied or destroyed (`--stack`).
    public var selection: StackSelection
    /// How many independent stacks Terraform works on at once.
    public var parallelism: Int

    public init(
        spec: PlatformSpec, repositoryRoot: URL, environment: [String: String],
        unlockStaleLocks: Bool = false, selection: StackSelection = StackSelection(),
        parallelism: Int = Provisioner.defaultParallelism
    ) {
        self.parallelism = parallelism
        self.spec = spec
        self.repositoryRoot = repositoryRoot
        self.environment = environment
        self.unlockStaleLocks = unlockStaleLocks
        self.selection = selection
    }

    public var localDirectory: URL { Self.localDirectory(in: repositoryRoot) }
    /// Where the local platform of a repository keeps its emulator record, state, logs and tree.
    public static func localDirectory(in repositoryRoot: URL) -> URL { repositoryRoot.appendingPathComponent(".plinth/local") }
    public var infrastructureDirectory: URL { localDirectory.appendingPathComponent("infrastructure") }
    func emulator(_ httpClient: HTTPClient) -> LocalEmulator {
        LocalEmulator(stateDirectory: localDirectory, environment: environment, httpClient: httpClient)
    }

    /// Runs `body` with an HTTP client that trusts the emulator's certificate (see `EmulatorHTTPClient`).
    func withHTTPClient<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        try await EmulatorHTTPClient.with(stateDirectory: localDirectory, environment: environment, body)
    }

    /// Everything one run needs once the emulator is known.
    public struct Prepared: Sendable {
        public var session: EmulatorSession
        public var rendered: RenderedInfrastructure
        public var stacks: [TerraformStack]
        public var skipped: [SwitchedOffResource]
        public var runner: TerraformRunner
        public var backendBucket: String
    }

    /// Finds Terraform; done before the emulator is acquired, so that a machine without it hears
    /// so before plinth spends a minute installing the emulator's tools.
    public func terraformEnvironment() throws -> TerraformEnvironment {
        try TerraformEnvironment.discover(environment: environment, stateDirectory: localDirectory.appendingPathComponent("terraform"))
    }

    /// Renders and writes the local tree for an emulator and builds the stacks and the runner.
    public func prepare(session: EmulatorSession, terraform: TerraformEnvironment) throws -> Prepared {
        // Relative, as in the committed tree: modules that call sibling modules (`../spoke-vpc`)
        // only work when they are read from a local path, not an absolute package address.
        let renderer = StackRenderer(
            spec: spec, target: .local(endpoint: session.endpoint), modulesDirectory: "../../../platform-modules")
        let rendered = try renderer.render()
        try rendered.write(to: infrastructureDirectory)

        let choice = try selection.choose(from: rendered)
        let selected = choice.stacks
        let bucket = spec.terraformState.bucket
        // Every stack keeps its state in the bucket the bootstrap stack creates: it goes first.
        let bootstrapIDs = selected.filter(\.bootstrap).map(\.id)
        let stacks = selected.map { descriptor -> TerraformStack in
            let directory = infrastructureDirectory.appendingPathComponent(descriptor.directory)
            let state: TerraformStack.StateLocation =
                descriptor.bootstrap
                ? .bootstrap(
                    localFile: localDirectory.appendingPathComponent(
                        "state/\(descriptor.id.replacingOccurrences(of: "/", with: "_")).tfstate"),
                    bucket: bucket, objectKey: descriptor.stateObject)
                : .configured
            let dependsOn =
                descriptor.bootstrap
                ? descriptor.dependsOn
                : Array(Set(descriptor.dependsOn + bootstrapIDs)).sorted()
            return TerraformStack(
                id: descriptor.id, directory: directory, workspace: descriptor.workspace,
                dependsOn: dependsOn, state: state)
        }
        let runner = try terraformRunner(
            session: session, terraform: terraform, logDirectory: localDirectory.appendingPathComponent("logs"))
        return Prepared(
            session: session, rendered: rendered, stacks: stacks, skipped: choice.switchedOff,
            runner: runner, backendBucket: bucket)
    }

    /// The Terraform runner for stacks rendered for this emulator: test credentials and the
    /// emulator's certificate in the environment of every Terraform process.
    public func terraformRunner(session: EmulatorSession, terraform: TerraformEnvironment, logDirectory: URL) throws -> TerraformRunner {
        TerraformRunner(
            environment: terraform,
            processEnvironment: terraform.processEnvironment(base: environment, extra: try terraformVariables(session)),
            logDirectory: logDirectory)
    }

    /// What Terraform's processes get on this emulator besides the caller's environment.
    func terraformVariables(_ session: EmulatorSession) throws -> [String: String] {
        var extra = Self.emulatorEnvironment(spec)
        extra["AWS_CA_BUNDLE"] = try EmulatorCertificate(stateDirectory: localDirectory, environment: environment)
            .writeBundle(for: session).path
        return extra
    }

    /// Whether an object exists in a bucket of the emulator (false when the bucket does not);
    /// the provisioner asks it to tell a stack never applied from one to destroy.
    public func stateObjectChecker(_ session: EmulatorSession, _ http: HTTPClient) -> @Sendable (String, String) async throws -> Bool {
        TargetSession.stateObjectChecker(S3Client(client: client(session, http)))
    }

    /// Brings the platform up on the emulator and reads it back.
    public func up(
        endpoint: String?, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> LocalRunReport {
        try await withHTTPClient { http in try await up(endpoint: endpoint, http: http, progress: progress) }
    }

    func up(
        endpoint: String?, http: HTTPClient, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> LocalRunReport {
        let started = Date()
        let terraform = try terraformEnvironment()
        let session = try await emulator(http).acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
        let prepared = try prepare(session: session, terraform: terraform)
        progress(
            .note(
                "rendered \(prepared.rendered.stacks.count) stacks into \(infrastructureDirectory.path); applying \(prepared.stacks.count)")
        )
        let provisioner = Provisioner(
            runner: prepared.runner, unlockStaleLocks: unlockStaleLocks,
            parallelism: parallelism, stateObjectExists: stateObjectChecker(session, http))
        let outcomes = try await provisioner.up(prepared.stacks, progress: progress)
        progress(.note("reading the platform back through the AWS APIs"))
        let readBack = await PlatformReadBack.read(
            endpoint: AWSEndpoint.emulator(url: session.endpoint) ?? .aws, credentials: LocalEmulator.credentials,
            httpClient: http, regions: regions, stateBucket: spec.terraformState.bucket, lockTable: spec.terraformState.lockTable)
        return LocalRunReport(
            command: "up", endpoint: session.endpoint, emulatorStartedHere: session.startedHere,
            seconds: Date().timeIntervalSince(started), stacks: outcomes, readBack: readBack,
            switchedOff: prepared.skipped, emulatorCorrections: session.appliedCorrections)
    }

    /// Destroys the platform in reverse order; stops the emulator afterwards when an earlier `up`
    /// started it and `stopEmulator` is set.
    public func down(
        endpoint: String?, stopEmulator: Bool = true, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> LocalRunReport {
        try await withHTTPClient { http in
            try await down(endpoint: endpoint, stopEmulator: stopEmulator, http: http, progress: progress)
        }
    }

    func down(
        endpoint: String?, stopEmulator: Bool, http: HTTPClient, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> LocalRunReport {
        let started = Date()
        let emulator = self.emulator(http)
        let session: EmulatorSession
        if endpoint == nil, emulator.recordedSession() == nil,
            await emulator.endpointAnswering(atPort: LocalEmulator.defaultPort) == nil
        {
            progress(.note("no emulator answers and none was started by plinth: nothing to destroy"))
            return LocalRunReport(
                command: "down", endpoint: "", emulatorStartedHere: false,
                seconds: Date().timeIntervalSince(started), stacks: [], readBack: nil, switchedOff: [])
        }
        let terraform = try terraformEnvironment()
        session = try await emulator.acquire(explicitEndpoint: endpoint) { progress(.note($0)) }
        let prepared = try prepare(session: session, terraform: terraform)
        var stacks = prepared.stacks
        let check = stateObjectChecker(session, http)
        if try await !bucketExists(session, http, prepared.backendBucket), !stacks.isEmpty {
            stacks = StackSelection.withoutStateBucket(stacks)
        }
        let provisioner = Provisioner(
            runner: prepared.runner, unlockStaleLocks: unlockStaleLocks, parallelism: parallelism, stateObjectExists: check)
        let outcomes = try await provisioner.down(stacks, progress: progress)
        if stopEmulator, session.startedHere {
            emulator.stop(session)
            progress(.note("stopped the emulator plinth started (pid \(session.pid ?? 0))"))
        }
        return LocalRunReport(
            command: "down", endpoint: session.endpoint, emulatorStartedHere: session.startedHere,
            seconds: Date().timeIntervalSince(started), stacks: outcomes, readBack: nil,
            switchedOff: prepared.skipped)
    }

    var regions: [String] {
        var list = [spec.regions.primary.rawValue]
        if spec.regions.disasterRecovery.rawValue != list[0] { list.append(spec.regions.disasterRecovery.rawValue) }
        return list
    }

    func client(_ session: EmulatorSession, _ http: HTTPClient) -> AWSClient {
        AWSClient(
            endpoint: AWSEndpoint.emulator(url: session.endpoint) ?? .aws,
            region: spec.terraformState.region.rawValue, credentials: LocalEmulator.credentials, httpClient: http)
    }

    func bucketExists(_ session: EmulatorSession, _ http: HTTPClient, _ bucket: String) async throws -> Bool {
        try await S3Client(client: client(session, http)).listBuckets().contains(bucket)
    }

    /// Credentials and region for Terraform's child processes on the local target (the rendered
    /// providers and backend carry their own test keys; these cover anything that reads the
    /// environment instead).
    static func emulatorEnvironment(_ spec: PlatformSpec) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": LocalEmulator.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": LocalEmulator.credentials.secretAccessKey,
            "AWS_REGION": spec.terraformState.region.rawValue,
            "AWS_DEFAULT_REGION": spec.terraformState.region.rawValue,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }
}
