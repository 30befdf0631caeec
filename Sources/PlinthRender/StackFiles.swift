import PlinthSpec

/// Turns a `StackPlan` into the Terraform JSON files of its directory for one target: backend,
/// versions, providers, main and outputs. Pure; all choices that differ by target live here.
struct StackFiles {
    var spec: PlatformSpec
    var target: RenderTarget
    /// Path prefix that reaches platform-modules/ from the output root (`../platform-modules`), or an
    /// absolute directory.
    var modulesDirectory: String
    /// Stack id of the organization stack, whose `account_ids` output gives assume-role ARNs.
    var organizationStack: String
    /// Workspace of every stack by id, for remote-state readers.
    var workspaces: [String: String] = [:]

    /// AWS service endpoints the rendered modules use; all point at the emulator on the local target.
    static let localServices = [
        "accessanalyzer", "acm", "amp", "autoscaling", "backup", "cloudfront", "cloudtrail", "cloudwatch", "configservice",
        "directconnect", "dynamodb", "ec2", "ecr", "elbv2", "firehose", "grafana", "guardduty", "iam", "identitystore", "kms", "lambda",
        "logs", "opensearch", "organizations", "ram", "rds", "route53", "s3", "secretsmanager", "securityhub", "sns", "sqs", "ssm",
        "ssoadmin", "sts", "wafv2", "xray",
    ]

    var workspaceKeyPrefix: String { spec.terraformState.keyPrefix + "/workspaces" }

    func stateKey(_ stack: String) -> String { spec.terraformState.keyPrefix + "/" + stack + "/terraform.tfstate" }

    /// Where the S3 backend stores a stack's state: the `default` workspace at `key`, any other at
    /// `<workspace_key_prefix>/<workspace>/<key>`.
    func stateObject(_ plan: StackPlan) -> String {
        plan.workspace == "default" ? stateKey(plan.id) : "\(workspaceKeyPrefix)/\(plan.workspace)/\(stateKey(plan.id))"
    }

    /// The stack's files by path, as text.
    func files(for plan: StackPlan) -> [String: String] { documents(for: plan).mapValues { $0.rendered() } }

    /// The stack's files by path, each as the JSON value its text renders (keys sorted).
    func documents(for plan: StackPlan) -> [String: JSONValue] {
        var files: [String: JSONValue] = [:]
        func put(_ name: String, _ value: JSONValue) { files[plan.id + "/" + name] = value.sortedKeys() }
        put("versions.tf.json", versions(plan))
        put("backend.tf.json", ["terraform": ["backend": ["s3": backendConfig(key: stateKey(plan.id), forRemoteState: false)]]])
        put("providers.tf.json", providers(plan))
        put("main.tf.json", main(plan))
        var variables: [(String, JSONValue)] = []
        if usesPlanRoles(plan) {
            variables.append(
                (
                    Self.roleVariable,
                    [
                        "type": "string", "default": "deploy",
                        "description":
                            "Which role the providers assume: deploy (apply), or plan (the read-only plan role, for pull-request plans and drift checks).",
                        "validation": [
                            [
                                "condition": .string("${contains([\"deploy\", \"plan\"], var.\(Self.roleVariable))}"),
                                "error_message": "plinth_role must be deploy or plan.",
                            ]
                        ],
                    ]
                ))
        }
        if usesWebIdentity(plan) {
            variables.append(
                (
                    Self.tokenFileVariable,
                    [
                        "type": "string",
                        "description":
                            "The OIDC token file the providers assume their roles with; plinth passes the job's AWS_WEB_IDENTITY_TOKEN_FILE.",
                        "validation": [
                            [
                                "condition": .string("${length(var.\(Self.tokenFileVariable)) > 0}"),
                                "error_message": "web_identity_token_file must name the job's OIDC token file.",
                            ]
                        ],
                    ]
                ))
        }
        if !variables.isEmpty { put("variables.tf.json", ["variable": .object(variables)]) }
        if !plan.outputs.isEmpty {
            put(
                "outputs.tf.json",
                [
                    "output": .object(
                        plan.outputs.map { output in
                            var body: [(String, JSONValue)] = [
                                ("value", output.value), ("description", TerraformExpression.literal(output.description)),
                            ]
                            if output.sensitive { body.append(("sensitive", true)) }
                            return (output.name, .object(body))
                        })
                ])
        }
        return files
    }

    /// The Terraform variable (`TF_VAR_plinth_role=plan`) that switches the providers of a stack
    /// from each account's deploy role to its read-only plan role, so a pull request or a drift check
    /// plans with a token the deploy roles do not trust.
    static let roleVariable = "plinth_role"

    /// The Terraform variable that names the OIDC token file for `assume_role_with_web_identity`:
    /// the AWS provider takes the file only from its block, not from `AWS_WEB_IDENTITY_TOKEN_FILE`,
    /// so plinth hands the job's file over as `TF_VAR_web_identity_token_file`.
    static let tokenFileVariable = "web_identity_token_file"

    /// How the tree's `stacks.json` (and every runner) knows the stack: one place for both the
    /// platform's stacks and a preview's.
    func descriptor(_ plan: StackPlan, dependsOn: [String]) -> StackDescriptor {
        StackDescriptor(
            id: plan.id, directory: plan.id, provider: plan.provider, account: plan.account?.rawValue,
            region: plan.provider == "aws" ? plan.region?.rawValue : nil, workspace: plan.workspace,
            stateKey: stateKey(plan.id), stateObject: stateObject(plan), dependsOn: dependsOn, bootstrap: plan.bootstrap,
            blockedBy: plan.blockedBy?.rawValue, requiredVariables: requiredVariables(plan))
    }

    /// The variables `documents(for:)` declares without a default.
    func requiredVariables(_ plan: StackPlan) -> [String] { usesWebIdentity(plan) ? [Self.tokenFileVariable] : [] }

    /// Whether any of the stack's providers assumes a deploy role with the job's OIDC token.
    func usesWebIdentity(_ plan: StackPlan) -> Bool {
        guard target.localEndpoint == nil, plan.provider == "aws" else { return false }
        let providers = [(plan.account, plan.access)] + plan.aliases.map { ($0.account, $0.access) }
        return providers.contains { account, access in
            if case .deployRole = access { return account != nil }
            return false
        }
    }

    /// The read-only plan role of an account, when the spec gives it one.
    func planRoleName(_ account: Name?) -> String? {
        spec.pipelines.deployRoles.first { $0.account == account && $0.access == .plan }?.roleName
    }

    /// Whether any of the stack's providers assumes a deploy role whose account has a plan role.
    func usesPlanRoles(_ plan: StackPlan) -> Bool {
        guard target.localEndpoint == nil, plan.provider == "aws" else { return false }
        let providers = [(plan.account, plan.access)] + plan.aliases.map { ($0.account, $0.access) }
        return providers.contains { account, access in
            if case .deployRole = access { return planRoleName(account) != nil }
            return false
        }
    }

    func versions(_ plan: StackPlan) -> JSONValue {
        var required: [(String, JSONValue)] = []
        if let requirement = ProviderRequirement.named(plan.provider) {
            required.append((plan.provider, ["source": .string(requirement.source), "version": .string(requirement.version)]))
        }
        // No required_version here: checkov's terraform_json parser rejects plain values in the terraform
        // block, and every module's versions.tf already requires Terraform >= 1.9.
        return ["terraform": ["required_providers": .object(required)]]
    }

    /// The S3 backend settings, also used as the `config` of `terraform_remote_state` readers.
    func backendConfig(key: String, forRemoteState: Bool) -> JSONValue {
        let state = spec.terraformState
        var pairs: [(String, JSONValue)] = [
            ("bucket", TerraformExpression.literal(state.bucket)),
            ("key", TerraformExpression.literal(key)),
            ("region", .string(state.region.rawValue)),
            ("encrypt", true),
            ("workspace_key_prefix", TerraformExpression.literal(workspaceKeyPrefix)),
        ]
        if !forRemoteState { pairs.append(("dynamodb_table", TerraformExpression.literal(state.lockTable))) }
        if let endpoint = target.localEndpoint {
            pairs += [
                (
                    "endpoints",
                    ["s3": .string(endpoint), "dynamodb": .string(endpoint), "sts": .string(endpoint), "iam": .string(endpoint)]
                ),
                ("use_path_style", true),
                ("access_key", "test"),
                ("secret_key", "test"),
                ("skip_credentials_validation", true),
                ("skip_metadata_api_check", true),
                ("skip_requesting_account_id", true),
                ("skip_region_validation", true),
            ]
        }
        return .object(pairs)
    }

    func defaultTags(_ plan: StackPlan) -> [String: String] {
        var tags = spec.platform.tags
        tags["Platform"] = spec.platform.name.rawValue
        tags["ManagedBy"] = "plinth"
        tags["Stack"] = plan.id
        if let environment = plan.environment { tags["Environment"] = environment.rawValue }
        return tags
    }

    func providers(_ plan: StackPlan) -> JSONValue {
        switch plan.provider {
        case "aws":
            var blocks = [
                awsProvider(plan, account: plan.account, access: plan.access, region: plan.region ?? spec.regions.primary, alias: nil)
            ]
            for alias in plan.aliases {
                blocks.append(awsProvider(plan, account: alias.account, access: alias.access, region: alias.region, alias: alias.alias))
            }
            return ["provider": ["aws": .array(blocks)]]
        default:
            return ["provider": .object([(plan.provider, saasProvider(plan))])]
        }
    }

    /// SaaS providers take their credentials from the environment (GITHUB_TOKEN, OKTA_API_TOKEN,
    /// PAGERDUTY_TOKEN, AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET); only non-secret settings are rendered.
    func saasProvider(_ plan: StackPlan) -> JSONValue {
        switch plan.provider {
        case "github": return ["owner": TerraformExpression.literal(spec.pipelines.githubOrganization)]
        case "okta":
            let parts = spec.identity.workforce.oktaOrg.split(separator: ".", maxSplits: 1).map(String.init)
            return [
                "org_name": TerraformExpression.literal(parts.first ?? ""),
                "base_url": TerraformExpression.literal(parts.count > 1 ? parts[1] : "okta.com"),
            ]
        case "auth0":
            let tenant = spec.identity.customer.tenants.first { "saas/auth0/\($0.name)" == plan.id }
            return ["domain": TerraformExpression.literal(tenant?.domain ?? "")]
        default: return .object([])
        }
    }

    func awsProvider(_ plan: StackPlan, account: Name?, access: StackPlan.Access, region: Region, alias: String?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("region", .string(region.rawValue)),
            ("default_tags", ["tags": TerraformExpression.literalMap(defaultTags(plan))]),
        ]
        if let alias { pairs.append(("alias", .string(alias))) }
        if let endpoint = target.localEndpoint {
            pairs += [
                ("access_key", "test"),
                ("secret_key", "test"),
                ("skip_credentials_validation", true),
                ("skip_metadata_api_check", true),
                // The provider asks STS for the account: without it, a rule that references a
                // security group reads back as `account/sg-id` and is planned again every run.
                ("skip_requesting_account_id", false),
                ("s3_use_path_style", true),
                ("endpoints", .object(Self.localServices.map { ($0, .string(endpoint)) })),
            ]
        } else if let account {
            let accountID =
                account == spec.organization.managementAccount.name
                ? "data.terraform_remote_state.\(StackPlan.localName(organizationStack)).outputs.management_account_id"
                : "data.terraform_remote_state.\(StackPlan.localName(organizationStack)).outputs.account_ids[\"\(account.rawValue)\"]"
            let session = JSONValue.string(String("plinth-\(StackPlan.localName(plan.id))".prefix(64)))
            switch access {
            case .ambient: break
            case .deployRole(let roleName):
                let name = planRoleName(account).map { "${var.\(Self.roleVariable) == \"plan\" ? \"\($0)\" : \"\(roleName)\"}" } ?? roleName
                pairs.append(
                    (
                        "assume_role_with_web_identity",
                        [
                            "role_arn": .string("arn:aws:iam::${\(accountID)}:role/\(name)"), "session_name": session,
                            "web_identity_token_file": .string("${var.\(Self.tokenFileVariable)}"),
                        ]
                    ))
            case .role(let roleName):
                pairs.append(
                    ("assume_role", ["role_arn": .string("arn:aws:iam::${\(accountID)}:role/\(roleName)"), "session_name": session]))
            }
        }
        return .object(pairs)
    }

    /// Whether the real target reads account IDs from the organization stack for this plan.
    func readsAccountIDs(_ plan: StackPlan) -> Bool {
        guard plan.provider == "aws", target.localEndpoint == nil, plan.id != organizationStack else { return false }
        return ([plan.access] + plan.aliases.map(\.access)).contains { $0 != .ambient }
    }

    func main(_ plan: StackPlan) -> JSONValue {
        var top: [(String, JSONValue)] = []
        if !plan.locals.isEmpty { top.append(("locals", .object(plan.locals))) }
        if !plan.modules.isEmpty {
            top.append(
                (
                    "module",
                    .object(
                        plan.modules.map { call in
                            var body = call.inputs
                            body.append(("source", .string(moduleSource(call.module, stack: plan.id))))
                            if call.usesDR {
                                body.append(("providers", ["aws": "aws", "aws.dr": "aws.dr"]))
                            } else if let provider = call.provider {
                                body.append(("providers", ["aws": .string(provider)]))
                            }
                            return (call.name, .object(body))
                        })
                ))
        }
        var resources = plan.resources
        if plan.environment != nil {
            let expected = plan.workspace
            resources.append(
                StackPlan.Block(
                    type: "terraform_data", name: "workspace_guard",
                    body: [
                        "lifecycle": [
                            [
                                "precondition": [
                                    [
                                        "condition": .string("${terraform.workspace == \"\(expected)\"}"),
                                        "error_message": .string(
                                            "This stack belongs to workspace \(expected); select it first (terraform workspace select -or-create \(expected))."
                                        ),
                                    ]
                                ]
                            ]
                        ]
                    ]))
        }
        if !resources.isEmpty { top.append(("resource", Self.grouped(resources))) }
        var data = plan.data
        var readers = plan.remoteStates
        if readsAccountIDs(plan), !readers.contains(organizationStack) { readers.append(organizationStack) }
        for upstream in readers {
            data.append(
                StackPlan.Block(
                    type: "terraform_remote_state", name: StackPlan.localName(upstream),
                    body: [
                        "backend": "s3",
                        "workspace": .string(workspaceOf(upstream)),
                        "config": backendConfig(key: stateKey(upstream), forRemoteState: true),
                    ]))
        }
        if !data.isEmpty { top.append(("data", Self.grouped(data))) }
        return .object(top)
    }

    /// Workspace of an upstream stack.
    func workspaceOf(_ stack: String) -> String { workspaces[stack] ?? "default" }

    func moduleSource(_ module: String, stack: String) -> String {
        if modulesDirectory.hasPrefix("/") { return modulesDirectory + "/" + module }
        let depth = stack.split(separator: "/").count
        return String(repeating: "../", count: depth) + modulesDirectory + "/" + module
    }

    static func grouped(_ blocks: [StackPlan.Block]) -> JSONValue {
        var order: [String] = []
        var byType: [String: [(String, JSONValue)]] = [:]
        for block in blocks {
            if byType[block.type] == nil { order.append(block.type) }
            byType[block.type, default: []].append((block.name, block.body))
        }
        return .object(order.map { ($0, .object(byType[$0] ?? [])) })
    }
}
