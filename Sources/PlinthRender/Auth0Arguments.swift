/// The auth0 provider has no schema file in `../shared/terraform-schemas/`, so the Auth0 stacks are
/// checked against this list instead: the auth0 resources the renderer uses and, for each, the
/// arguments and blocks it may set, from the auth0 provider (1.x) documentation. It covers only what
/// the renderer writes; adding an argument to the renderer means adding it here, reviewed against the
/// provider documentation.
enum Auth0Arguments {
    private static func block(
        _ required: [String], _ optional: [String], blocks: [String: ProviderSchema.NestedBlock] = [:]
    ) -> ProviderSchema.Block {
        var arguments: [String: Bool] = [:]
        for name in required { arguments[name] = true }
        for name in optional { arguments[name] = false }
        return ProviderSchema.Block(arguments: arguments, blocks: blocks)
    }

    static let schema = ProviderSchema(
        name: "auth0",
        provider: block([], ["domain", "client_id", "client_secret", "api_token", "audience", "debug"]),
        resources: [
            "auth0_resource_server": block(
                ["identifier"],
                [
                    "name", "signing_alg", "signing_secret", "enforce_policies", "token_dialect", "token_lifetime",
                    "token_lifetime_for_web", "allow_offline_access", "skip_consent_for_verifiable_first_party_clients",
                ]),
            "auth0_resource_server_scopes": block(
                ["resource_server_identifier"], [],
                blocks: [
                    "scopes": .init(block: block(["name"], ["description"]), minItems: 1)
                ]),
            "auth0_role": block(["name"], ["description"]),
            "auth0_role_permissions": block(
                ["role_id"], [],
                blocks: [
                    "permissions": .init(block: block(["name", "resource_server_identifier"], []), minItems: 1)
                ]),
            "auth0_client": block(["name"], ["description", "app_type", "grant_types", "oidc_conformant", "callbacks", "allowed_origins"]),
            "auth0_client_grant": block(["client_id", "audience", "scopes"], []),
            "auth0_action": block(
                ["name", "code"], ["runtime", "deploy"],
                blocks: [
                    "supported_triggers": .init(block: block(["id", "version"], []), minItems: 1, maxItems: 1)
                ]),
            "auth0_trigger_actions": block(
                ["trigger"], [],
                blocks: [
                    "actions": .init(block: block(["id", "display_name"], []), minItems: 1)
                ]),
        ],
        dataSources: [:]
    )
}
