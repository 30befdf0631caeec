import Foundation
import PlinthAWS
import PlinthRender
import PlinthSpec

/// Where `plan`, `apply` and `changes` run: the emulator (`EmulatorTarget`) or the real accounts
/// (`AccountPlatform`). The delivery code is written once against this, so what the tests drive on
/// the emulator is what a pipeline job runs on AWS.
public protocol StackTarget: Sendable {
    var spec: PlatformSpec { get }
    var environment: [String: String] { get }
    /// Which rendered stacks a run works on (`--stack`).
    var selection: StackSelection { get set }
    /// How many independent stacks Terraform works on at once.
    var parallelism: Int { get }
    /// The flags a command printed for a person must carry to reach this target again
    /// (`--local` for the emulator, none for the accounts).
    var commandFlags: [String] { get }
    /// Why a rendered stack this target has no Terraform run for is left out (SaaS stacks).
    var notServed: String { get }
    /// Where this target keeps what a run writes besides the stacks (logs, preview trees).
    var workDirectory: URL { get }

    /// Renders (or checks) the tree, builds the selected stacks and their runner, and hands them
    /// to `body` with a signed client in `region`.
    func withStacks<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (PreparedStacks, AWSClient) async throws -> T
    ) async throws -> T

    /// The target's session without the platform's tree, for commands that render trees of their
    /// own (`plinth preview`).
    func withSession<T: Sendable>(
        progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (TargetSession) async throws -> T
    ) async throws -> T

    /// A signed client in `region` only, for commands that read what the platform holds.
    func withClient<T: Sendable>(
        region: String, progress: @escaping @Sendable (ProvisionEvent) -> Void, _ body: (AWSClient) async throws -> T
    ) async throws -> T
}

/// The stacks of one run, ready for Terraform.
public struct PreparedStacks: Sendable {
    public var rendered: RenderedInfrastructure
    /// The selected stacks, in apply order.
    public var stacks: [TerraformStack]
    /// What the target or the selection left out, with why.
    public var skipped: [SwitchedOffResource]
    public var runner: TerraformRunner

    public init(rendered: RenderedInfrastructure, stacks: [TerraformStack], skipped: [SwitchedOffResource], runner: TerraformRunner) {
        self.rendered = rendered
        self.stacks = stacks
        self.skipped = skipped
        self.runner = runner
    }
}
