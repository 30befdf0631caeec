import Foundation
import PlinthLoader
import PlinthSpec
import Testing

@Suite("platform.yaml")
struct SpecLoaderTests {
    @Test func repositorySpecIsValidWithoutDiagnostics() throws {
        let result = try SpecFixture().load()
        #expect(result.diagnostics.map(\.description) == [])
        let spec = try #require(result.spec)
        #expect(
            spec.organization.allAccounts.map(\.name.rawValue) == [
                "management", "log-archive", "audit", "shared-services", "dev", "staging", "prod",
            ])
        #expect(spec.regions.primary.rawValue == "us-east-1")
        #expect(spec.regions.disasterRecovery.rawValue == "us-west-2")
        #expect(Set(spec.identity.application.roles.map(\.name)) == ["clinic_admin", "allergist", "patient"])
        #expect(spec.blockers.count == 5)
    }

    @Test func committedSchemaMatchesTheModel() throws {
        let committed = try String(
            contentsOf: SpecFixture.repositoryRoot.appendingPathComponent("schema/platform.schema.json"), encoding: .utf8)
        #expect(committed == PlatformSchema.document.rendered(), "run `plinth schema > schema/platform.schema.json`")
    }

    @Test func specReferencesTheSchemaForEditors() {
        #expect(SpecFixture.baseline.hasPrefix("# yaml-language-server: $schema=schema/platform.schema.json"))
    }

    @Test func schemaRejectsUnknownKeysAndListsRequiredOnes() throws {
        let schema = PlatformSchema.document
        #expect(schema["additionalProperties"] == .bool(false))
        guard case .array(let required)? = schema["required"] else {
            Issue.record("no required list")
            return
        }
        #expect(required.contains(.string("network")))
        let cidr = schema["properties"]?["network"]?["properties"]?["spokes"]?["items"]?["properties"]?["vpc"]?["properties"]?["cidr"]
        #expect(cidr?["type"] == .string("string"))
    }

    @Test func jsonDiagnosticsCarryFileLineColumnAndPath() throws {
        let bad = SpecFixture().replacing("cidr: 10.18.0.0/16", with: "cidr: 10.17.0.0/16")
        let result = try bad.load()
        let json = DiagnosticFormatter().json(result.diagnostics, file: "platform.yaml")
        #expect(json["valid"] == .bool(false))
        guard case .array(let items)? = json["diagnostics"], let first = items.first else {
            Issue.record("no diagnostics")
            return
        }
        #expect(first["path"] == .string("network.spokes[1].vpc.cidr"))
        #expect(first["line"] == .int(bad.position(of: "cidr: 10.17.0.0/16", occurrence: 2)?.line ?? -1))
        #expect(first["code"] == .string("cidr-overlap"))
    }

    @Test func textDiagnosticsShowTheLineAndACaret() throws {
        let bad = SpecFixture().replacing("tier: production", with: "tier: prodution")
        let result = try bad.load()
        let text = DiagnosticFormatter(sources: [result.diagnostics.first?.location?.file ?? "": bad.text]).text(result.diagnostics)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(
            lines[0].hasSuffix("error: environments[2].tier: 'prodution' is not one of development, staging, production [invalid-value]"))
        #expect(lines[1].hasSuffix("|     tier: prodution"))
        #expect(lines[2].hasSuffix("|           ^"))
        #expect(lines[3] == "  hint: did you mean 'production'?")
    }
}
