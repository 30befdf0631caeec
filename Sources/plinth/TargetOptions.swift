import ArgumentParser
import Foundation
import PlinthProvisioning
import PlinthSpec

/// Options `plan` and `apply` share: which target they drive and which of its stacks.
struct TargetOptions: ParsableArguments {
    @Flag(
        help: """
            Use the local AWS emulator (moto on 127.0.0.1). Without it the committed infrastructure/ is run on the \
            real accounts with the environment's AWS credentials, as a pipeline job does.
            """)
    var local = false

    @Option(help: "Emulator URL to use instead of finding or starting one (with --local).")
    var endpoint: String?

    @Option(name: .customLong("stack"), help: "Only this stack id and what it depends on (repeatable).")
    var stacks: [String] = []

    @Option(help: "How many independent stacks to work on at once.")
    var parallelism: Int = Provisioner.defaultParallelism

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
        try Self.checkEndpoint(endpoint, local: local)
    }

    /// --endpoint names an emulator; on AWS the SDKs' own variable moves the endpoint.
    static func checkEndpoint(_ endpoint: String?, local: Bool) throws {
        if endpoint != nil, !local {
            throw ValidationError(
                "--endpoint names an emulator and needs --local; on AWS set AWS_ENDPOINT_URL if you need another endpoint")
        }
    }

    /// The emulator with --local, the real accounts without; the repository is the spec's directory.
    func target(_ spec: PlatformSpec, specPath: String) -> any StackTarget {
        let root = URL(fileURLWithPath: specPath).standardizedFileURL.deletingLastPathComponent()
        let environment = ProcessInfo.processInfo.environment
        let selection = StackSelection(requested: stacks)
        guard local else {
            return AccountPlatform(
                spec: spec, repositoryRoot: root, environment: environment, selection: selection, parallelism: parallelism)
        }
        return EmulatorTarget(
            platform: LocalPlatform(
                spec: spec, repositoryRoot: root, environment: environment, unlockStaleLocks: false, selection: selection,
                parallelism: parallelism),
            endpoint: endpoint)
    }

    /// How error messages name the command: `plinth plan --local` or `plinth plan`.
    func label(_ command: String) -> String { "plinth \(command)" + (local ? " --local" : "") }
}
