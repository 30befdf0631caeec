import ArgumentParser
import Foundation
import Logging
import PolicyService

/// `plinth serve <service>`: runs one of the platform's own services in the foreground.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a platform service in the foreground.",
        subcommands: [ServePolicyCommand.self]
    )
}

/// `plinth serve policy`: the RBAC policy service, seeded from platform.yaml.
struct ServePolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Serve RBAC decisions, the policy bundle and the admin API (seeded from platform.yaml).")

    @OptionGroup var options: PolicyServiceOptions

    func run() async throws {
        PolicyServiceRunner.bootstrapJSONLogging(level: options.logLevel) { line in print(line) }
        do {
            try await PolicyServiceRunner.run(options, logger: Logger(label: "policy-service"))
        } catch {
            FileHandle.standardError.write(Data("plinth serve policy: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
