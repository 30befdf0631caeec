import PlinthSpec

/// The stacks previews need beyond the environment they are cut from.
extension AWSStacks {
    func previewLeasesID() -> String {
        "\(scope(of: spec.terraformState.account))/\(spec.terraformState.region.rawValue)/preview-leases"
    }

    /// The lease table of `plinth preview`, next to the Terraform state; only when previews are on.
    func previewLeases() -> [StackPlan] {
        guard spec.previewEnvironment != nil else { return [] }
        var plan = plan(
            previewLeasesID(), account: spec.terraformState.account, region: spec.terraformState.region,
            purpose: "DynamoDB table of preview-environment leases (ranges of the preview pool, one per branch).")
        plan.environment = nil
        var inputs: [(String, JSONValue)] = [
            ("name", .string(platformName)),
            ("table_name", .string(spec.previewLeaseTable)),
        ]
        if isLocal { inputs.append(("force_destroy", true)) }
        plan.modules.append(.init(name: "preview_leases", module: "preview-leases", inputs: inputs))
        plan.export(
            "preview_leases",
            [
                ("table_name", "Lease table name."), ("table_arn", "Lease table ARN, for the preview workflows' role."),
                ("kms_key_arn", "CMK encrypting the table."),
            ])
        return [plan]
    }
}
