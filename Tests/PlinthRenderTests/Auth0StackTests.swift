import Foundation
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: Auth0 tenants from the application roles")
struct Auth0StackTests {
    @Test func everyTenantGetsTheAPIRolesAdminClientAndClaimsAction() throws {
        let spec = try RenderFixture.spec()
        let rendered = try RenderFixture.render()
        let application = spec.identity.application
        for tenant in spec.identity.customer.tenants {
            let stack = try #require(rendered.stacks.first { $0.id == "saas/auth0/\(tenant.name)" })
            #expect(stack.workspace == tenant.environment.rawValue)
            #expect(stack.blockedBy == spec.identity.customer.blockedBy?.rawValue)
            let providers = try RenderFixture.json(rendered.files["\(stack.directory)/providers.tf.json"])
            #expect(((providers["provider"] as? [String: Any])?["auth0"] as? [String: Any])?["domain"] as? String == tenant.domain)
            let main = try RenderFixture.json(rendered.files["\(stack.directory)/main.tf.json"])
            let resources = try #require(main["resource"] as? [String: [String: [String: Any]]])
            #expect(resources["auth0_resource_server"]?["api"]?["identifier"] as? String == spec.identity.customer.apiIdentifier)
            let scopes = try #require(resources["auth0_resource_server_scopes"]?["api"]?["scopes"] as? [[String: Any]])
            #expect(
                Set(scopes.compactMap { $0["name"] as? String })
                    == Set(application.permissions.map(\.name.rawValue) + application.machineScopes.map(\.name)))
            for role in application.roles {
                let key = role.name
                #expect(resources["auth0_role"]?[key]?["name"] as? String == role.name)
                let permissions = try #require(resources["auth0_role_permissions"]?[key]?["permissions"] as? [[String: Any]])
                #expect(Set(permissions.compactMap { $0["name"] as? String }) == Set(role.grants.map(\.permission.rawValue)))
            }
            #expect(resources["auth0_role"]?.count == application.roles.count)
            let grant = try #require(resources["auth0_client_grant"]?["policy_admin"])
            #expect((grant["scopes"] as? [String])?.contains("policy:admin") == true)
            #expect(resources["auth0_client"]?["policy_admin"]?["grant_types"] as? [String] == ["client_credentials"])
            let code = try #require(resources["auth0_action"]?["claims"]?["code"] as? String)
            #expect(code.contains("\"\(application.claimsNamespace)\""))
            #expect(code.contains("namespace + \"/roles\"") && code.contains("namespace + \"/clinic_id\""))
            #expect(!code.contains("${"), "the Action must not contain Terraform interpolation")
            let trigger = try #require(resources["auth0_trigger_actions"]?["post_login"])
            #expect(trigger["trigger"] as? String == "post-login")
        }
    }
}
