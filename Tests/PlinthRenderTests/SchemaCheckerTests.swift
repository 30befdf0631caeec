import Foundation
import PlinthRender
import Testing

@Suite("plinth render: SaaS stacks against provider schemas")
struct SchemaCheckerTests {
    static var schemaDirectory: URL { SchemaChecker.schemaDirectory(repositoryRoot: RenderFixture.repositoryRoot) }

    @Test func renderedSaaSStacksPassTheirSchemas() throws {
        let checker = try SchemaChecker.standard(schemaDirectory: Self.schemaDirectory)
        let rendered = try RenderFixture.render()
        let saas = rendered.stacks.filter { $0.provider != "aws" }
        #expect(Set(saas.map(\.provider)) == ["github", "okta", "pagerduty", "auth0"])
        let findings = checker.check(rendered)
        #expect(findings.isEmpty, "\(findings.map(\.description))")
    }

    @Test func unknownTypesArgumentsAndMissingRequiredOnesAreFound() throws {
        let checker = try SchemaChecker.standard(schemaDirectory: Self.schemaDirectory)
        let file = """
            {"resource": {
              "github_repository": {"r": {"name": "x", "colour": "blue"}},
              "github_branch_protection": {"p": {"pattern": "main", "required_status_checks": [{"strict": true, "nope": 1}]}},
              "github_teleporter": {"t": {}},
              "auth0_action": {"a": {"name": "n", "code": "c", "supported_triggers": [{"id": "post-login", "version": "v3"}, {"id": "x", "version": "v1"}]}},
              "auth0_role_permissions": {"rp": {"role_id": "r"}}
            },
            "data": {"pagerduty_schedule": {"s": {"name": "on-call", "id": "read-only"}}}}
            """
        let messages = Set(checker.check(file: "main.tf.json", contents: file).map { "\($0.path): \($0.message)" })
        #expect(messages.contains("resource.github_repository.r.colour: unknown argument or block"))
        #expect(messages.contains("resource.github_branch_protection.p.required_status_checks[0].nope: unknown argument or block"))
        #expect(messages.contains("resource.github_branch_protection.p.repository_id: required argument is not set"))
        #expect(messages.contains("resource.github_teleporter: unknown github resource type"))
        #expect(messages.contains("resource.auth0_action.a.supported_triggers: at most 1 block(s) allowed, found 2"))
        #expect(messages.contains("resource.auth0_role_permissions.rp.permissions: required block is missing (at least 1)"))
        #expect(messages.contains("data.pagerduty_schedule.s.id: read-only (computed) attribute cannot be set"))
        #expect(messages.count == 7, "\(messages.sorted())")
    }

    @Test func missingSchemaDirectoryFailsClearly() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-schemas-\(UUID().uuidString)")
        #expect(throws: RenderError.self) { _ = try SchemaChecker.standard(schemaDirectory: missing) }
        do {
            _ = try SchemaChecker.standard(schemaDirectory: missing)
        } catch {
            #expect("\(error)".contains("github.json"))
        }
    }
}
