import ArgumentParser
import Foundation
import Logging
import PolicyService

/// The policy service as its own executable; `plinth serve policy` runs the same thing.
@main
struct PolicyServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-service",
        abstract: "Serve RBAC decisions, the policy bundle and the admin API.")

    @OptionGroup var options: PolicyServiceOptions

    func run() async throws {
        PolicyServiceRunner.bootstrapJSONLogging(level: options.logLevel) { line in print(line) }
        do {
            try await PolicyServiceRunner.run(options, logger: Logger(label: "policy-service"))
        } catch {
            FileHandle.standardError.write(Data("policy-service: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
