import Foundation

/// Where a stack's state stood when it was read: Terraform bumps `serial` on every write and keeps
/// `lineage` for the life of the state, so an unchanged pair means nothing was applied in between.
public struct StateVersion: Sendable, Equatable, Codable {
    public var lineage: String
    public var serial: Int

    public init(lineage: String, serial: Int) {
        self.lineage = lineage
        self.serial = serial
    }

    /// From `terraform state pull`'s output; nil when the stack has no state yet.
    public init?(stateJSON text: String) {
        guard let start = text.firstIndex(of: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(text[start...].utf8)) as? [String: Any],
            let lineage = object["lineage"] as? String, let serial = object["serial"] as? Int
        else { return nil }
        self.init(lineage: lineage, serial: serial)
    }
}

/// The reviewable path a pipeline takes (where `up` plans and applies in one run): a saved plan
/// file, its JSON for review, the state version it was made against, and an apply of exactly it.
extension TerraformRunner {
    /// `terraform plan -out`; true when the plan has changes.
    public func savePlan(_ stack: TerraformStack, to planFile: URL) async throws -> Bool {
        let result = try await run(
            stack, ["plan", "-input=false", "-no-color", "-lock-timeout=10s", "-detailed-exitcode", "-out=\(planFile.path)"])
        switch result.status {
        case 0: return false
        case 2: return true
        default: throw failure(stack, step: "plan", result)
        }
    }

    /// `terraform show -json` of a saved plan: the one line of JSON Terraform prints.
    public func planJSON(_ stack: TerraformStack, planFile: URL) async throws -> Data {
        let result = try await terraform(stack, step: "show -json", ["show", "-json", "-no-color", planFile.path])
        guard let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw failure(stack, step: "show -json", result)
        }
        return Data(line.utf8)
    }

    /// The state's lineage and serial now; nil when the stack has no state yet.
    public func stateVersion(_ stack: TerraformStack) async throws -> StateVersion? {
        let result = try await terraform(stack, step: "state pull", ["state", "pull"])
        return StateVersion(stateJSON: result.output)
    }

    /// Applies a saved plan and nothing else. Terraform itself also refuses a plan whose state has
    /// moved on; that refusal is reported as `staleSavedPlan`.
    public func applySavedPlan(_ stack: TerraformStack, planFile: URL) async throws -> ChangeCounts {
        let result = try await run(stack, ["apply", "-input=false", "-no-color", "-lock-timeout=10s", planFile.path])
        guard result.succeeded else {
            if result.output.contains("Saved plan is stale") { throw ProvisioningError.staleSavedPlan(stack: stack.id) }
            throw failure(stack, step: "apply", result)
        }
        return ChangeCounts(applyOutput: result.output) ?? ChangeCounts()
    }
}
