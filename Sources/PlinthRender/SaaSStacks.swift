import PlinthSpec

/// Stacks for the providers with no local mirror: GitHub repositories, Okta workforce groups,
/// PagerDuty alert routing and one Auth0 tenant per environment. Each is a stack of its own so a
/// missing licence or token blocks only that stack. Credentials come from the environment.
struct SaaSStacks {
    var spec: PlatformSpec

    func plans() -> [StackPlan] {
        [github(), okta(), pagerDuty()] + spec.identity.customer.tenants.map(auth0)
    }

    private func literal(_ text: String) -> JSONValue { TerraformExpression.literal(text) }

    // MARK: GitHub

    /// Repositories with protected default branches, required reviews and checks, the security
    /// gates switched on, and one deployment environment per environment of the infrastructure repo.
    func github() -> StackPlan {
        var plan = StackPlan(
            id: "saas/github/repositories", provider: "github", account: nil, region: nil, environment: nil,
            purpose: "GitHub repositories, branch protection, security gates and deployment environments.")
        let gates = Set(spec.pipelines.securityGates)
        for repository in spec.pipelines.repositories {
            let name = StackPlan.localName(repository.name.rawValue)
            var security: [(String, JSONValue)] = []
            if gates.contains(.sast) { security.append(("advanced_security", ["status": "enabled"])) }
            if gates.contains(.secretScanning) {
                security.append(("secret_scanning", ["status": "enabled"]))
                security.append(("secret_scanning_push_protection", ["status": "enabled"]))
            }
            var body: [(String, JSONValue)] = [
                ("name", .string(repository.name.rawValue)),
                ("description", literal(repository.description)),
                ("visibility", "private"),
                ("has_issues", true),
                ("delete_branch_on_merge", true),
                ("allow_merge_commit", false),
                ("archive_on_destroy", true),
                ("vulnerability_alerts", .bool(gates.contains(.dependencyScanning))),
            ]
            if !security.isEmpty { body.append(("security_and_analysis", [.object(security)])) }
            plan.resources.append(.init(type: "github_repository", name: name, body: .object(body)))
            plan.resources.append(
                .init(
                    type: "github_branch_protection", name: name,
                    body: [
                        "repository_id": .string("${github_repository.\(name).node_id}"),
                        "pattern": literal(repository.defaultBranch),
                        "enforce_admins": true,
                        "allows_deletions": false,
                        "allows_force_pushes": false,
                        "require_conversation_resolution": true,
                        "require_signed_commits": true,
                        "required_pull_request_reviews": [
                            [
                                "required_approving_review_count": .int(repository.requiredReviews),
                                "require_code_owner_reviews": .bool(repository.requireCodeOwnerReviews),
                                "dismiss_stale_reviews": true,
                                "require_last_push_approval": true,
                            ]
                        ],
                        "required_status_checks": [["strict": true, "contexts": TerraformExpression.literals(repository.requiredChecks)]],
                    ]))
        }
        // Deployment environments: one per environment named by a deploy role, on its repository.
        // An environment needing approval gets its reviewers and deploys from the default branch
        // only; the others deploy from the branches the role trusts (or the default branch).
        var seen = Set<String>()
        var teams = Set<String>()
        for role in spec.pipelines.deployRoles {
            let defaultBranch = spec.pipelines.repositories.first { $0.name == role.repository }?.defaultBranch ?? "main"
            for environment in role.environments where seen.insert("\(role.repository)/\(environment)").inserted {
                let repository = StackPlan.localName(role.repository.rawValue)
                let name = "\(repository)_\(StackPlan.localName(environment.rawValue))"
                var body: [(String, JSONValue)] = [
                    ("repository", .string("${github_repository.\(repository).name}")),
                    ("environment", .string(environment.rawValue)),
                    ("prevent_self_review", true),
                    ("can_admins_bypass", false),
                    ("wait_timer", .int(0)),
                    ("deployment_branch_policy", [["protected_branches": false, "custom_branch_policies": true]]),
                ]
                if role.requiresApproval {
                    teams.formUnion(role.approvers)
                    body.append(
                        (
                            "reviewers",
                            [["teams": .array(role.approvers.map { .string("${data.github_team.\(StackPlan.localName($0)).id}") })]]
                        ))
                }
                plan.resources.append(.init(type: "github_repository_environment", name: name, body: .object(body)))
                let branches = role.requiresApproval || role.branches.isEmpty ? [defaultBranch] : role.branches
                for branch in branches {
                    plan.resources.append(
                        .init(
                            type: "github_repository_environment_deployment_policy",
                            name: "\(name)_\(StackPlan.localName(branch.replacingOccurrences(of: "*", with: "any")))",
                            body: [
                                "repository": .string("${github_repository.\(repository).name}"),
                                "environment": .string("${github_repository_environment.\(name).environment}"),
                                "branch_pattern": literal(branch),
                            ]))
                }
            }
        }
        for team in teams.sorted() {
            plan.data.append(.init(type: "github_team", name: StackPlan.localName(team), body: ["slug": literal(team)]))
        }
        return plan
    }

    // MARK: Okta

    /// The workforce groups that IAM Identity Center assignments name; SCIM pushes them to AWS.
    func okta() -> StackPlan {
        let workforce = spec.identity.workforce
        var plan = StackPlan(
            id: "saas/okta/workforce", provider: "okta", account: nil, region: nil, environment: nil,
            purpose: "Okta groups pushed to IAM Identity Center by SCIM.")
        if !workforce.scimProvisioning.enabled { plan.blockedBy = workforce.scimProvisioning.blockedBy }
        var groups: [String: [String]] = [:]
        for assignment in workforce.assignments {
            groups[assignment.group, default: []].append(
                "\(assignment.permissionSet) in \(assignment.accounts.map(\.rawValue).joined(separator: ", "))")
        }
        for group in groups.keys.sorted() {
            plan.resources.append(
                .init(
                    type: "okta_group", name: StackPlan.localName(group),
                    body: [
                        "name": literal(group),
                        "description": literal("AWS access: " + (groups[group] ?? []).joined(separator: "; ") + ". Managed by plinth."),
                    ]))
        }
        return plan
    }

    // MARK: PagerDuty

    /// A service per PagerDuty alert route, escalating to the on-call schedule the SRE team keeps in
    /// PagerDuty (people are not in platform.yaml), with a CloudWatch integration for the SNS topic.
    func pagerDuty() -> StackPlan {
        var plan = StackPlan(
            id: "saas/pagerduty/alerting", provider: "pagerduty", account: nil, region: nil, environment: nil,
            purpose: "PagerDuty services, escalation policies and CloudWatch integrations for the critical routes.")
        let routes = spec.observability.alertRoutes.filter { $0.destination == .pagerDuty }
        plan.blockedBy = routes.compactMap(\.blockedBy).first
        if !routes.isEmpty {
            plan.data.append(
                .init(type: "pagerduty_schedule", name: "on_call", body: ["name": literal("\(spec.platform.name.rawValue)-on-call")]))
            plan.data.append(.init(type: "pagerduty_vendor", name: "cloudwatch", body: ["name": "Amazon CloudWatch"]))
        }
        for route in routes {
            let name = StackPlan.localName(route.name.rawValue)
            plan.resources.append(
                .init(
                    type: "pagerduty_escalation_policy", name: name,
                    body: [
                        "name": literal("\(route.target) (\(route.severity.rawValue))"),
                        "num_loops": 2,
                        "rule": [
                            [
                                "escalation_delay_in_minutes": 15,
                                "target": [["type": "schedule_reference", "id": "${data.pagerduty_schedule.on_call.id}"]],
                            ]
                        ],
                    ]))
            plan.resources.append(
                .init(
                    type: "pagerduty_service", name: name,
                    body: [
                        "name": literal(route.target),
                        "description": literal("Alerts of the \(route.name) route (\(route.severity.rawValue)); managed by plinth."),
                        "escalation_policy": .string("${pagerduty_escalation_policy.\(name).id}"),
                        "alert_creation": "create_alerts_and_incidents",
                        "auto_resolve_timeout": "14400",
                        "acknowledgement_timeout": "1800",
                    ]))
            plan.resources.append(
                .init(
                    type: "pagerduty_service_integration", name: name,
                    body: [
                        "name": "Amazon CloudWatch",
                        "service": .string("${pagerduty_service.\(name).id}"),
                        "vendor": "${data.pagerduty_vendor.cloudwatch.id}",
                    ]))
            plan.outputs.append(
                .init(
                    name: "\(name)_integration_key", value: .string("${pagerduty_service_integration.\(name).integration_key}"),
                    description: "Integration key the \(route.name) SNS topic's HTTPS subscription posts to.", sensitive: true))
        }
        return plan
    }

    // MARK: Auth0

    /// One tenant: the product API with a scope per permission and machine scope, the roles with
    /// their permissions (from `identity.application.roles`, the only place roles are defined), the
    /// policy service's admin machine-to-machine client, and the post-login Action that puts roles
    /// and the clinic into namespaced claims.
    func auth0(_ tenant: Auth0TenantSpec) -> StackPlan {
        let customer = spec.identity.customer
        let application = spec.identity.application
        var plan = StackPlan(
            id: "saas/auth0/\(tenant.name)", provider: "auth0", account: nil, region: nil, environment: tenant.environment,
            purpose: "Auth0 tenant \(tenant.name): API, roles, admin client and claims Action.")
        plan.blockedBy = customer.blockedBy
        let identifier = literal(customer.apiIdentifier)
        plan.resources.append(
            .init(
                type: "auth0_resource_server", name: "api",
                body: [
                    "name": literal("\(spec.platform.displayName) API"),
                    "identifier": identifier,
                    "signing_alg": "RS256",
                    "enforce_policies": true,
                    "token_dialect": "access_token_authz",
                    "token_lifetime": 3600,
                    "allow_offline_access": false,
                    "skip_consent_for_verifiable_first_party_clients": true,
                ]))
        let scopes: [JSONValue] =
            application.permissions.map { ["name": .string($0.name.rawValue), "description": literal($0.description)] }
            + application.machineScopes.map { ["name": literal($0.name), "description": literal($0.description)] }
        plan.resources.append(
            .init(
                type: "auth0_resource_server_scopes", name: "api",
                body: [
                    "resource_server_identifier": "${auth0_resource_server.api.identifier}",
                    "scopes": .array(scopes),
                ]))
        for role in application.roles {
            let name = StackPlan.localName(role.name)
            plan.resources.append(
                .init(type: "auth0_role", name: name, body: ["name": literal(role.name), "description": literal(role.description)]))
            let permissions = Set(role.grants.map(\.permission.rawValue)).sorted()
            plan.resources.append(
                .init(
                    type: "auth0_role_permissions", name: name,
                    body: [
                        "role_id": .string("${auth0_role.\(name).id}"),
                        "permissions": .array(
                            permissions.map {
                                ["name": .string($0), "resource_server_identifier": "${auth0_resource_server.api.identifier}"]
                            }),
                        "depends_on": ["auth0_resource_server_scopes.api"],
                    ]))
        }
        let adminScopes = application.machineScopes.map(\.name).filter { $0.hasPrefix("policy:") }
        plan.resources.append(
            .init(
                type: "auth0_client", name: "policy_admin",
                body: [
                    "name": "policy-service admin (machine to machine)",
                    "description": "Client-credentials client for the policy service's admin API; managed by plinth.",
                    "app_type": "non_interactive",
                    "grant_types": ["client_credentials"],
                    "oidc_conformant": true,
                ]))
        plan.resources.append(
            .init(
                type: "auth0_client_grant", name: "policy_admin",
                body: [
                    "client_id": "${auth0_client.policy_admin.id}",
                    "audience": "${auth0_resource_server.api.identifier}",
                    "scopes": TerraformExpression.literals(adminScopes),
                    "depends_on": ["auth0_resource_server_scopes.api"],
                ]))
        plan.resources.append(
            .init(
                type: "auth0_action", name: "claims",
                body: [
                    "name": "add-roles-and-clinic-claims",
                    "runtime": "node22",
                    "deploy": true,
                    "code": literal(Self.claimsAction(namespace: application.claimsNamespace)),
                    "supported_triggers": [["id": "post-login", "version": "v3"]],
                ]))
        plan.resources.append(
            .init(
                type: "auth0_trigger_actions", name: "post_login",
                body: [
                    "trigger": "post-login",
                    "actions": [["id": "${auth0_action.claims.id}", "display_name": "${auth0_action.claims.name}"]],
                ]))
        plan.outputs.append(
            .init(
                name: "policy_admin_client_id", value: "${auth0_client.policy_admin.client_id}",
                description: "Client ID of the policy service admin client (its secret stays in Auth0 and Secrets Manager)."))
        return plan
    }

    /// The post-login Action: roles from Auth0 RBAC, and the clinic from the organization the user
    /// logged in through or else the user's app_metadata, under the claims namespace.
    static func claimsAction(namespace: String) -> String {
        let ns = namespace.hasSuffix("/") ? String(namespace.dropLast()) : namespace
        return """
            // Rendered by plinth from platform.yaml (identity.application); do not edit in the Auth0 dashboard.
            exports.onExecutePostLogin = async (event, api) => {
              const namespace = "\(ns)";
              const roles = (event.authorization && event.authorization.roles) || [];
              const clinic = (event.organization && event.organization.id) ||
                (event.user.app_metadata && event.user.app_metadata.clinic_id) || null;
              api.accessToken.setCustomClaim(namespace + "/roles", roles);
              api.idToken.setCustomClaim(namespace + "/roles", roles);
              if (clinic) {
                api.accessToken.setCustomClaim(namespace + "/clinic_id", clinic);
                api.idToken.setCustomClaim(namespace + "/clinic_id", clinic);
              }
            };

            """
    }
}
