import Foundation
import PlinthRender
import PlinthSpec
import Testing

/// The secret-rotation stacks: one per environment with function-rotated secrets, after everything
/// they read, running exactly the schedules and strategies platform.yaml gives.
@Suite("plinth render: secret rotation stacks")
struct SecretRotationStackTests {
    static func function(_ rendered: RenderedInfrastructure, _ env: String) throws -> [String: Any] {
        try #require(try RenderFixture.modules(rendered, stack: "env/\(env)/us-east-1/secret-rotation")["secret_rotation"])
    }

    @Test func oneStackPerEnvironmentWithRotatedSecretsAfterWhatItReads() throws {
        let rendered = try RenderFixture.render()
        let spec = try RenderFixture.spec()
        let expected = Set(spec.secrets.secrets.filter { $0.rotation.kind == .function }.map(\.environment.rawValue))
        let stacks = rendered.stacks.filter { $0.id.hasSuffix("/secret-rotation") }
        #expect(Set(stacks.map(\.id)) == Set(expected.map { "env/\($0)/us-east-1/secret-rotation" }))
        #expect(expected == ["staging", "prod"])
        let position = Dictionary(uniqueKeysWithValues: rendered.stacks.enumerated().map { ($1.id, $0) })
        for stack in stacks {
            let env = stack.id.split(separator: "/")[1]
            for upstream in ["secrets", "network", "workload"] {
                #expect(stack.dependsOn.contains("env/\(env)/us-east-1/\(upstream)"), "\(stack.id) reads \(upstream)")
                #expect((position["env/\(env)/us-east-1/\(upstream)"] ?? .max) < (position[stack.id] ?? -1))
            }
        }
        // No stack reads the rotation stack, so no cycle can form through it.
        #expect(!rendered.stacks.contains { $0.dependsOn.contains { $0.hasSuffix("/secret-rotation") } })
    }

    @Test func schedulesAndStrategiesComeFromTheSpec() throws {
        let rendered = try RenderFixture.render()
        let spec = try RenderFixture.spec()
        for env in ["staging", "prod"] {
            let body = try Self.function(rendered, env)
            let rotated = spec.secrets.secrets.filter { $0.environment.rawValue == env && $0.rotation.kind == .function }
            let schedules = try #require(body["rotation_schedules"] as? [String: [String: Any]])
            #expect(Set(schedules.keys) == Set(rotated.map(\.name)))
            for secret in rotated {
                #expect(schedules[secret.name]?["schedule_days"] as? Int == secret.rotation.scheduleDays)
                #expect(
                    schedules[secret.name]?["secret_arn"] as? String
                        == "${data.terraform_remote_state.env_\(env)_us_east_1_secrets.outputs.secret_arns[\"\(secret.name)\"]}")
            }
            let config = try RenderFixture.json(body["rotation_config"] as? String)
            let strategies = try #require(config["secrets"] as? [String: [String: Any]])
            #expect(Set(strategies.keys) == Set(rotated.map(\.name)))
            for secret in rotated {
                #expect(strategies[secret.name]?["strategy"] as? String == secret.rotation.strategy?.rawValue)
            }
            #expect(body["name"] as? String == "allergyhub-\(env)-secret-rotation")
            #expect(body["enable_rotation"] as? Bool == true)
            #expect(
                body["subnet_ids"] as? String
                    == "${data.terraform_remote_state.env_\(env)_us_east_1_network.outputs.subnet_ids[\"private\"]}")
        }
        // The signing key's strategy carries its algorithm, JWKS and token lifetime; its JWKS object is writable.
        let prod = try Self.function(rendered, "prod")
        let signing = try #require(
            (try RenderFixture.json(prod["rotation_config"] as? String)["secrets"] as? [String: [String: Any]])?[
                "prod/identity/idp-signing-key"])
        #expect(signing["algorithm"] as? String == "ES256")
        #expect(signing["jwks"] as? String == "s3://allergyhub-prod-jwks/service-tokens/jwks.json")
        #expect(signing["maxTokenLifetimeSeconds"] as? Int == 3600)
        #expect(prod["jwks_object_arns"] as? [String] == ["arn:aws:s3:::allergyhub-prod-jwks/service-tokens/jwks.json"])
        #expect(prod["s3_prefix_list_id"] as? String == "${data.aws_ec2_managed_prefix_list.s3.id}")
        // Staging rotates only a database login: no S3 path at all.
        let staging = try Self.function(rendered, "staging")
        #expect(staging["jwks_object_arns"] == nil && staging["s3_prefix_list_id"] == nil)
    }

    @Test func roleReachesItsSecretsAndTheDatabaseAdministratorOnly() throws {
        let rendered = try RenderFixture.render()
        let body = try Self.function(rendered, "staging")
        let arns = try #require(body["secret_arns"] as? String)
        #expect(arns.contains("[for name in [\"staging/policy-service/database\"] : "))
        #expect(
            arns.contains("compact([try(data.terraform_remote_state.env_staging_us_east_1_workload.outputs.db_master_secret_arn, null)])"))
        #expect(
            body["database_security_group_ids"] as? [String] == [
                "${data.terraform_remote_state.env_staging_us_east_1_workload.outputs.db_security_group_id}"
            ])
        #expect(
            body["endpoint_security_group_id"] as? String
                == "${data.terraform_remote_state.env_staging_us_east_1_network.outputs.endpoint_security_group_id}")
    }

    @Test func codeIsThePublishedZipAndOnTheEmulatorTheStandIn() throws {
        let aws = try Self.function(try RenderFixture.render(), "prod")
        let package = try #require(aws["package"] as? [String: Any])
        // The bucket comes from the artifact stack, so the graph applies it first.
        #expect(package["s3_bucket"] as? String == "${data.terraform_remote_state.env_prod_us_east_1_lambda_artifacts.outputs.bucket_name}")
        #expect(package["s3_key"] as? String == "secret-rotation/secret-rotation.zip")
        #expect(aws["emulator_package"] == nil)
        // Also in the tree for plans (--all-resources): the published zip is not on the emulator either way.
        var allResources = StackRenderer(spec: try RenderFixture.spec(), target: .local(endpoint: LocalTargetTests.endpoint))
        allResources.emulatorLimits = false
        for rendered in [try RenderFixture.render(.local(endpoint: LocalTargetTests.endpoint)), try allResources.render()] {
            let local = try Self.function(rendered, "prod")
            #expect(local["emulator_package"] as? Bool == true)
            #expect(local["package"] == nil)
        }
    }

    @Test func eachEnvironmentWithFunctionsGetsAnArtifactBucketThatOnlyThePublishRoleWrites() throws {
        let rendered = try RenderFixture.render()
        let destinations = FunctionArtifactDestination.all(in: try RenderFixture.spec())
        #expect(destinations.map(\.environment) == ["staging", "prod"], "dev rotates nothing with a function")
        for destination in destinations {
            let body = try #require(
                try RenderFixture.modules(rendered, stack: "env/\(destination.environment)/us-east-1/lambda-artifacts")["artifacts"])
            #expect(body["source"] as? String == "../../../../../platform-modules/artifact-bucket")
            #expect(body["bucket_name"] as? String == destination.bucket)
            #expect(body["key_prefixes"] as? [String] == ["secret-rotation"])
            let publishers = try #require(body["publisher_role_arns"] as? [String])
            #expect(publishers.count == 1 && publishers[0].hasSuffix("[\"shared-services\"]}:role/plinth-publish"))
            #expect(destination.key == "secret-rotation/secret-rotation.zip")
        }
        // The publish role may write exactly those objects, and nothing else in S3.
        let oidc = try #require(try RenderFixture.modules(rendered, stack: "shared-services/global/ci-oidc")["ci_oidc"])
        let roles = try #require(oidc["deploy_roles"] as? [[String: Any]])
        let publish = try #require(roles.first { $0["access"] as? String == "publish" })
        #expect(
            publish["artifact_objects"] as? [String] == destinations.map { "arn:aws:s3:::\($0.bucket)/secret-rotation/*" })
        #expect(roles.filter { $0["artifact_objects"] != nil }.count == 1)
    }

    @Test func theSecretsStackNoLongerSchedulesRotation() throws {
        let rendered = try RenderFixture.render()
        for env in ["dev", "staging", "prod"] {
            let body = try #require(try RenderFixture.modules(rendered, stack: "env/\(env)/us-east-1/secrets")["secrets"])
            #expect(body["rotation_function_arns"] == nil && body["enable_rotation"] == nil)
        }
    }

    @Test func theSigningKeysKeySetBucketIsMadeBesideItsSecretAndReadByItsSigners() throws {
        let rendered = try RenderFixture.render()
        let prod = try #require(try RenderFixture.modules(rendered, stack: "env/prod/us-east-1/secrets")["secrets"])
        let publications = try #require(prod["jwks_publications"] as? [[String: Any]])
        #expect(publications.count == 1)
        #expect(publications.first?["bucket"] as? String == "allergyhub-prod-jwks")
        #expect(publications.first?["key"] as? String == "service-tokens/jwks.json")
        #expect(publications.first?["readers"] as? [String] == ["policy-service", "clinic-api"])
        // The function publishes to the same object the secrets stack makes the bucket for.
        let function = try Self.function(rendered, "prod")
        #expect(function["jwks_object_arns"] as? [String] == ["arn:aws:s3:::allergyhub-prod-jwks/service-tokens/jwks.json"])
        for env in ["dev", "staging"] {
            let body = try #require(try RenderFixture.modules(rendered, stack: "env/\(env)/us-east-1/secrets")["secrets"])
            #expect(body["jwks_publications"] == nil, "\(env) has no signing key")
        }
    }

    @Test func theAlarmWatchesTheMetricTheFunctionWrites() throws {
        let rendered = try RenderFixture.render()
        for env in ["staging", "prod"] {
            let observability = try #require(
                try RenderFixture.modules(rendered, stack: "env/\(env)/us-east-1/observability")["observability"])
            let alarms = try #require(observability["alarms"] as? [[String: Any]])
            let alarm = try #require(alarms.first { $0["name"] as? String == "secret-rotation-failed" })
            #expect(alarm["namespace"] as? String == "AllergyHub/SecretRotation")
            #expect(alarm["metric"] as? String == "RotationFailures")
        }
    }
}
