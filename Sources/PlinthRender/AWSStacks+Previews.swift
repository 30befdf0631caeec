import PlinthSpec

/// The stacks previews need beyond the environment they are cut from.
extension AWSStacks {
    func previewLeasesID() -> String {
        "\(scope(of: spec.terraformState.account))/\(spec.terraformState.region.rawValue)/preview-leases"
    }

    /// The lease table of `plinth preview`, next to the Terraform state; only when previews are on.
    func previewLeases() -> [StackPlan] {
        guard let (environment, _) = spec.previewEnvironment else { return [] }
        var plan = plan(
            previewLeasesID(), account: spec.terraformState.account, region: spec.terraformState.region,
            purpose: "DynamoDB table of preview-environment leases (ranges of the preview pool, one per branch).")
        plan.environment = nil
        var inputs: [(String, JSONValue)] = [
            ("name", .string(platformName)),
            ("table_name", .string(spec.previewLeaseTable)),
        ]
        if isLocal { inputs.append(("force_destroy", true)) }
        // The preview workflows run with the preview environment's deploy role, in its account.
        let lessees = spec.pipelines.deployRoles.filter { $0.access == .deploy && $0.account == environment.account }
        if !lessees.isEmpty { inputs.append(("lessee_role_arns", .array(deployRoleARNs(lessees, in: &plan)))) }
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
