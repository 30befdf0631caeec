import Foundation
import PlinthAddressing
import PlinthRender
import PlinthSpec
import Testing

@Suite("plinth render: stacks from platform.yaml")
struct StackRendererTests {
    @Test func sameSpecGivesSameBytes() throws {
        let first = try RenderFixture.render(), second = try RenderFixture.render()
        #expect(first.files == second.files)
        #expect(first.stacks == second.stacks)
        for (path, contents) in first.files {
            #expect(contents.hasSuffix("\n"), "\(path) ends without a newline")
            if path.hasSuffix(".json") { _ = try RenderFixture.json(contents) }
        }
    }

    @Test func everyStackHasBackendProvidersAndPinnedVersions() throws {
        let spec = try RenderFixture.spec()
        let rendered = try RenderFixture.render()
        for stack in rendered.stacks {
            let backend = try RenderFixture.json(rendered.files["\(stack.directory)/backend.tf.json"])
            let s3 = try #require(((backend["terraform"] as? [String: Any])?["backend"] as? [String: Any])?["s3"] as? [String: Any])
            #expect(s3["bucket"] as? String == spec.terraformState.bucket)
            #expect(s3["dynamodb_table"] as? String == spec.terraformState.lockTable)
            #expect(s3["region"] as? String == spec.terraformState.region.rawValue)
            #expect(s3["key"] as? String == "\(spec.terraformState.keyPrefix)/\(stack.id)/terraform.tfstate")
            #expect(s3["key"] as? String == stack.stateKey)
            #expect(s3["workspace_key_prefix"] as? String == "\(spec.terraformState.keyPrefix)/workspaces")
            let versions = try RenderFixture.json(rendered.files["\(stack.directory)/versions.tf.json"])
            let required = try #require((versions["terraform"] as? [String: Any])?["required_providers"] as? [String: [String: String]])
            #expect(required.keys.sorted() == [stack.provider])
            if stack.provider == "aws" { #expect(required["aws"] == ["source": "hashicorp/aws", "version": "~> 5.100"]) }
        }
        // Stack keys are unique: no two stacks share a state object.
        #expect(Set(rendered.stacks.map(\.stateKey)).count == rendered.stacks.count)
    }

    @Test func environmentStacksRunInTheirEnvironmentsWorkspace() throws {
        let rendered = try RenderFixture.render()
        for stack in rendered.stacks {
            let parts = stack.id.split(separator: "/")
            if parts.first == "env" {
                #expect(stack.workspace == String(parts[1]), "\(stack.id)")
                let main = try RenderFixture.json(rendered.files["\(stack.directory)/main.tf.json"])
                let guardBlock = ((main["resource"] as? [String: Any])?["terraform_data"] as? [String: Any])?["workspace_guard"]
                #expect(guardBlock != nil, "\(stack.id) has no workspace guard")
            } else if parts.first != "saas" {
                #expect(stack.workspace == "default", "\(stack.id)")
            }
        }
        #expect(Set(rendered.stacks.map(\.workspace)) == ["default", "dev", "staging", "prod"])
    }

    @Test func providersAssumeTheDeployRoleAndTagEverything() throws {
        let spec = try RenderFixture.spec()
        let rendered = try RenderFixture.render()
        let spoke = try RenderFixture.json(rendered.files["env/prod/us-east-1/network/providers.tf.json"])
        let providers = try #require((spoke["provider"] as? [String: Any])?["aws"] as? [[String: Any]])
        let primary = try #require(providers.first { $0["alias"] == nil })
        // Deploy roles are assumed with the GitHub Actions OIDC token, never with long-lived keys.
        #expect(primary["assume_role"] == nil)
        let role = try #require((primary["assume_role_with_web_identity"] as? [String: Any])?["role_arn"] as? String)
        // plinth_role=plan (pull-request plans, drift checks) switches to the account's read-only plan role.
        #expect(
            role
                == "arn:aws:iam::${data.terraform_remote_state.org_organization.outputs.account_ids[\"prod\"]}:role/${var.plinth_role == \"plan\" ? \"plinth-plan\" : \"plinth-deploy\"}"
        )
        let variables = try RenderFixture.json(rendered.files["env/prod/us-east-1/network/variables.tf.json"])
        let variable = try #require((variables["variable"] as? [String: Any])?["plinth_role"] as? [String: Any])
        #expect(variable["default"] as? String == "deploy")
        let tags = try #require((primary["default_tags"] as? [String: Any])?["tags"] as? [String: String])
        for (key, value) in spec.platform.tags { #expect(tags[key] == value) }
        #expect(tags["Environment"] == "prod")
        #expect(tags["Stack"] == "env/prod/us-east-1/network")
        // The hub alias assumes into the hub's account for TGW routing.
        let hub = try #require(providers.first { $0["alias"] as? String == "hub" })
        #expect(
            (hub["assume_role_with_web_identity"] as? [String: Any])?["role_arn"] as? String
                == "arn:aws:iam::${data.terraform_remote_state.org_organization.outputs.account_ids[\"shared-services\"]}:role/${var.plinth_role == \"plan\" ? \"plinth-plan\" : \"plinth-deploy\"}"
        )
        // The organization stack runs with the management account's own credentials.
        let org = try RenderFixture.json(rendered.files["org/organization/providers.tf.json"])
        let orgProvider = try #require(((org["provider"] as? [String: Any])?["aws"] as? [[String: Any]])?.first)
        #expect(orgProvider["assume_role"] == nil && orgProvider["assume_role_with_web_identity"] == nil)
        // The stacks that create the deploy roles come in through the Organizations access role.
        let oidc = try RenderFixture.json(rendered.files["env/prod/global/ci-oidc/providers.tf.json"])
        let oidcProvider = try #require(((oidc["provider"] as? [String: Any])?["aws"] as? [[String: Any]])?.first)
        #expect(
            (oidcProvider["assume_role"] as? [String: Any])?["role_arn"] as? String
                == "arn:aws:iam::${data.terraform_remote_state.org_organization.outputs.account_ids[\"prod\"]}:role/OrganizationAccountAccessRole"
        )
        let prodNetwork = try #require(rendered.stacks.first { $0.id == "env/prod/us-east-1/network" })
        #expect(
            prodNetwork.dependsOn.contains("env/prod/global/ci-oidc"), "a stack assuming a deploy role follows the stack that creates it")
    }

    @Test func everyModuleInputExistsAndEveryRequiredOneIsSet() throws {
        var checkedModules = Set<String>()
        for target in [RenderTarget.aws, .local(endpoint: "http://127.0.0.1:5000")] {
            let rendered = try RenderFixture.render(target)
            for stack in rendered.stacks {
                for (call, body) in try RenderFixture.modules(rendered, stack: stack.directory) {
                    let module = try #require(RenderFixture.moduleName(body))
                    let variables = try RenderFixture.variables(ofModule: module)
                    #expect(!variables.isEmpty, "platform-modules/\(module)/variables.tf has no variables")
                    checkedModules.insert(module)
                    for input in body.keys where !["source", "providers"].contains(input) {
                        #expect(variables[input] != nil, "\(stack.id): module.\(call) sets \(input), which \(module) does not declare")
                    }
                    for (variable, hasDefault) in variables where !hasDefault {
                        #expect(body[variable] != nil, "\(stack.id): module.\(call) leaves required \(module).\(variable) unset")
                    }
                    let source = try #require(body["source"] as? String)
                    let resolved = URL(
                        fileURLWithPath: source,
                        relativeTo: RenderFixture.repositoryRoot.appendingPathComponent("infrastructure/\(stack.directory)/")
                    ).standardizedFileURL
                    #expect(
                        resolved.path
                            == RenderFixture.repositoryRoot.appendingPathComponent("platform-modules/\(module)").standardizedFileURL.path)
                }
            }
        }
        #expect(checkedModules.isSuperset(of: ["state-backend", "organization", "network-hub", "spoke-vpc", "secrets"]))
    }

    @Test func everyExportAndRemoteReadNamesARealOutput() throws {
        let rendered = try RenderFixture.render()
        var exported: [String: Set<String>] = [:]
        for stack in rendered.stacks {
            let modules = try RenderFixture.modules(rendered, stack: stack.directory)
            guard let text = rendered.files["\(stack.directory)/outputs.tf.json"] else { continue }
            let outputs = try #require(try RenderFixture.json(text)["output"] as? [String: [String: Any]])
            exported[stack.id] = Set(outputs.keys)
            for (name, body) in outputs {
                guard let value = body["value"] as? String, value.hasPrefix("${module.") else { continue }
                let parts = value.dropFirst(2).dropLast().split(separator: ".")
                let module = try #require(modules[String(parts[1])].flatMap(RenderFixture.moduleName))
                #expect(
                    try RenderFixture.outputs(ofModule: module).contains(String(parts[2])),
                    "\(stack.id) exports \(name) from a missing output")
            }
        }
        let pattern = try Regex(#"data\.terraform_remote_state\.([a-z0-9_]+)\.outputs\.([a-z0-9_]+)"#)
        let idsByLocalName = Dictionary(
            uniqueKeysWithValues: rendered.stacks.map { (String($0.id.map { $0.isLetter || $0.isNumber ? $0 : "_" }), $0.id) })
        for stack in rendered.stacks {
            for path in rendered.files.keys where path.hasPrefix(stack.directory + "/") && path.hasSuffix(".tf.json") {
                for match in (rendered.files[path] ?? "").matches(of: pattern) {
                    let upstream = try #require(idsByLocalName[String(match.output[1].substring ?? "")])
                    let output = String(match.output[2].substring ?? "")
                    #expect(exported[upstream]?.contains(output) == true, "\(path) reads \(output) that \(upstream) does not export")
                    #expect(stack.dependsOn.contains(upstream), "\(stack.id) reads \(upstream) without depending on it")
                }
            }
        }
    }

    @Test func spokeCIDRsEqualTheAddressPlan() throws {
        let spec = try RenderFixture.spec()
        let rendered = try RenderFixture.render()
        for spoke in spec.network.spokes {
            let modules = try RenderFixture.modules(rendered, stack: "env/\(spoke.environment)/\(spoke.region)/network")
            let body = try #require(modules["spoke"])
            #expect(body["vpc_cidr"] as? String == spoke.vpc.cidr.description)
            #expect(body["availability_zones"] as? [String] == spoke.vpc.availabilityZones.map(\.rawValue))
            for tier in SubnetTier.allCases {
                #expect(
                    body["\(tier.rawValue)_subnet_cidrs"] as? [String] == spoke.vpc.subnets.subnets(in: tier).map(\.description),
                    "\(spoke.name) \(tier)")
                // Every subnet sits inside the VPC, one per AZ.
                let cidrs = try (body["\(tier.rawValue)_subnet_cidrs"] as? [String] ?? []).map { try IPv4Prefix(parsing: $0) }
                #expect(cidrs.count == spoke.vpc.availabilityZones.count)
                #expect(cidrs.allSatisfy { spoke.vpc.cidr.contains($0) })
            }
        }
        for hub in spec.network.hubs {
            let body = try #require(try RenderFixture.modules(rendered, stack: "shared-services/\(hub.region)/network-hub")["hub"])
            #expect(body["vpc_cidr"] as? String == hub.vpc.cidr.description)
            #expect(body["amazon_side_asn"] as? Int == hub.transitGateway.amazonSideAsn)
        }
    }

    @Test func organizationStackCarriesTheAccountTree() throws {
        let spec = try RenderFixture.spec()
        let body = try #require(try RenderFixture.modules(try RenderFixture.render(), stack: "org/organization")["organization"])
        let accounts = try #require(body["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["name"] as? String } == spec.organization.accounts.map(\.name.rawValue))
        #expect(accounts.map { $0["organizational_unit"] as? String } == spec.organization.accounts.map(\.organizationalUnit))
        let policies = try #require(body["service_control_policies"] as? [[String: Any]])
        let regions = try #require(
            policies.first { $0["kind"] as? String == "deny-regions-outside-allowed" }?["allowed_regions"] as? [String])
        #expect(regions == ["us-east-1", "us-west-2"])
    }

    @Test func logDomainMasterRoleIsForTheAccountsAdministrators() throws {
        var spec = try RenderFixture.spec()
        let rendered = try StackRenderer(spec: spec, target: .aws).render()
        for env in ["dev", "staging", "prod"] {
            let body = try #require(try RenderFixture.modules(rendered, stack: "env/\(env)/us-east-1/observability")["observability"])
            #expect(
                body["opensearch_admin_role_patterns"] as? [String] == [
                    "aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformAdministrator_*"
                ], "\(env)")
            #expect(body["opensearch_master_role_arn"] == nil)
        }
        // Only administrator permission sets assigned in the account count: without the prod
        // assignment, prod's domain has no one to administer it and the module refuses the plan.
        spec.identity.workforce.assignments = spec.identity.workforce.assignments.map { assignment in
            var assignment = assignment
            if assignment.permissionSet == "PlatformAdministrator" { assignment.accounts.removeAll { $0.rawValue == "prod" } }
            return assignment
        }
        let withoutProd = try StackRenderer(spec: spec, target: .aws).render()
        let prod = try #require(try RenderFixture.modules(withoutProd, stack: "env/prod/us-east-1/observability")["observability"])
        #expect((prod["opensearch_admin_role_patterns"] as? [String])?.isEmpty == true)
    }

    @Test func stacksJSONListsTheGraphInApplyOrder() throws {
        let rendered = try RenderFixture.render()
        let document = try RenderFixture.json(rendered.files["stacks.json"])
        let stacks = try #require(document["stacks"] as? [[String: Any]])
        #expect(stacks.map { $0["id"] as? String } == rendered.stacks.map(\.id))
        // The state object `up` looks for is the descriptor's, as the S3 backend stores it.
        #expect(stacks.map { $0["stateObject"] as? String } == rendered.stacks.map(\.stateObject))
        let prefix = try RenderFixture.spec().terraformState.keyPrefix
        for stack in rendered.stacks {
            #expect(
                stack.stateObject
                    == (stack.workspace == "default" ? stack.stateKey : "\(prefix)/workspaces/\(stack.workspace)/\(stack.stateKey)"))
        }
        var seen = Set<String>()
        for stack in rendered.stacks {
            for upstream in stack.dependsOn { #expect(seen.contains(upstream), "\(stack.id) comes before \(upstream)") }
            seen.insert(stack.id)
        }
        #expect(rendered.stacks.first?.bootstrap == true)
        #expect(rendered.stacks.filter(\.bootstrap).map(\.id) == ["shared-services/us-east-1/state-backend"])
        let dr = try #require(rendered.stacks.first { $0.id == "shared-services/us-east-1/network-hub" })
        #expect(dr.dependsOn.contains("shared-services/us-west-2/network-hub"), "the primary hub peers with the DR hub")
    }

    @Test func readmeIsRenderedAndListsEveryStack() throws {
        let rendered = try RenderFixture.render()
        let readme = try #require(rendered.files["README.md"])
        for stack in rendered.stacks { #expect(readme.contains("`\(stack.id)`")) }
        #expect(readme.contains("terraform_remote_state"))
    }
}
