import PlinthAddressing
import PlinthSpec

/// The rotation functions of each environment, with the schedules they run. A stack of their own,
/// after the secrets (whose ARNs scope the role), the network (private subnets, endpoint security
/// group) and the workload (the database's security group and master secret), so nothing upstream
/// waits on the function and no stack reads one that reads it (docs/adr/0022-rotation-function-wiring.md).
extension AWSStacks {
    func secretRotationID(_ environment: EnvironmentSpec) -> String {
        "env/\(environment.name.rawValue)/\(primaryRegion(environment).rawValue)/secret-rotation"
    }

    func lambdaArtifactsID(_ environment: EnvironmentSpec) -> String {
        "env/\(environment.name.rawValue)/\(primaryRegion(environment).rawValue)/lambda-artifacts"
    }

    /// The environment's artifact bucket, in its functions' own account and region (Lambda reads
    /// code only from its own region).
    func lambdaArtifactBucket(_ environment: EnvironmentSpec) -> String {
        "\(platformName)-\(environment.name.rawValue)-lambda-artifacts"
    }

    /// Key of a function's zip in the artifact bucket; the publish step writes it, the stack reads it.
    static func artifactKey(function: String) -> String { "\(function)/\(function).zip" }

    /// The secrets an environment rotates with functions, where its workload stack (the database)
    /// exists: exactly where it has a spoke in its primary region.
    func functionRotatedSecrets(_ environment: EnvironmentSpec) -> [SecretSpec] {
        let region = primaryRegion(environment)
        guard spokesByEnvironment[environment.name]?.contains(where: { $0.region == region }) == true else { return [] }
        return spec.secrets.secrets.filter { $0.environment == environment.name && $0.rotation.kind == .function }
    }

    /// The object ARN patterns a publish role may write: its repository's functions, in every
    /// environment that runs them (`ci-oidc`'s `artifact_objects`).
    func publishedArtifactObjects(_ role: DeployRoleSpec) -> [String] {
        let functions = Set(spec.pipelines.functionArtifacts.filter { $0.sourceRepository == role.repository }.map(\.name.rawValue))
        return functionArtifactDestinations().filter { functions.contains($0.function) }.map {
            "arn:aws:s3:::\($0.bucket)/\($0.function)/*"
        }
    }

    /// One artifact bucket per environment with rotation functions, before the functions' stack:
    /// the publish roles of the functions' source repositories write the zips, the stack reads the
    /// current version at plan time (docs/adr/0023-release-artifacts-for-lambda.md).
    func lambdaArtifactsStacks() -> [StackPlan] {
        spec.environments.compactMap { environment in
            let functions = Set(functionRotatedSecrets(environment).compactMap { $0.rotation.function?.rawValue }).sorted()
            guard !functions.isEmpty else { return nil }
            var plan = plan(
                lambdaArtifactsID(environment), account: environment.account, region: primaryRegion(environment),
                purpose: "Artifact bucket of \(environment.name)'s Lambda functions, written only by the release pipelines' publish roles.")
            let sources = Set(spec.pipelines.functionArtifacts.filter { functions.contains($0.name.rawValue) }.map(\.sourceRepository))
            let publishers = spec.pipelines.deployRoles.filter { $0.access == .publish && sources.contains($0.repository) }
            var inputs: [(String, JSONValue)] = [
                ("bucket_name", .string(lambdaArtifactBucket(environment))),
                ("publisher_role_arns", .array(deployRoleARNs(publishers, in: &plan))),
                ("key_prefixes", .array(functions.map { .string($0) })),
                ("enable_lifecycle_rules", true),
                ("enforce_tls_policy", true),
                ("enforce_publisher_policy", true),
            ]
            if isLocal { inputs.append(("force_destroy", true)) }
            plan.modules.append(.init(name: "artifacts", module: "artifact-bucket", inputs: inputs))
            plan.export("artifacts", [("bucket_name", "Artifact bucket the functions' stacks read their code from.")])
            return plan
        }
    }

    func secretRotationStacks() -> [StackPlan] {
        spec.environments.compactMap { environment in
            let region = primaryRegion(environment)
            let rotated = functionRotatedSecrets(environment)
            guard !rotated.isEmpty, let spoke = spokesByEnvironment[environment.name]?.first(where: { $0.region == region }) else {
                return nil
            }
            let env = environment.name.rawValue
            var plan = plan(
                secretRotationID(environment), account: environment.account, region: region,
                purpose: "Secret rotation Lambda of \(env) in its private subnets, with the rotation schedules of its secrets.")
            let network = spokeID(spoke), secrets = secretsID(environment), workload = workloadID(environment)
            let secretARNs = plan.upstreamExpression(secrets, "secret_arns")
            let functions = Set(rotated.compactMap { $0.rotation.function?.rawValue }).sorted()
            for function in functions {
                let mine = rotated.filter { $0.rotation.function?.rawValue == function }
                let strategies = Set(mine.compactMap(\.rotation.strategy))
                let module = function.replacingOccurrences(of: "-", with: "_")
                var inputs: [(String, JSONValue)] = [
                    ("name", .string("\(platformName)-\(env)-\(function)")),
                    ("environment", .string(env)),
                    ("vpc_id", plan.upstream(network, "vpc_id")),
                    ("subnet_ids", .string("${\(plan.upstreamExpression(network, "subnet_ids"))[\"private\"]}")),
                    ("endpoint_security_group_id", plan.upstream(network, "endpoint_security_group_id")),
                    ("kms_key_arn", plan.upstream(secrets, "kms_key_arn")),
                    ("rotation_config", TerraformExpression.literal(rotationConfiguration(mine).compact())),
                    ("log_retention_days", .int(spec.observability.logRetentionDays[env] ?? 365)),
                ]
                if isLocal {
                    // Not an emulator limit that --all-resources could lift: the published zip is not on the emulator.
                    inputs.append(("emulator_package", true))
                    plan.disabled.append(
                        (
                            "module.\(module).package",
                            "moto stores a function's code without running it (invoking needs Docker), so the module's empty stand-in archive is deployed instead of the published release zip"
                        ))
                } else {
                    inputs.append(
                        (
                            "package",
                            [
                                "s3_bucket": plan.upstream(lambdaArtifactsID(environment), "bucket_name"),
                                "s3_key": .string(Self.artifactKey(function: function)),
                            ]
                        ))
                }
                let names = mine.map { "\"\($0.name)\"" }.joined(separator: ", ")
                if strategies.contains(.postgresSingleLogin) || strategies.contains(.postgresAlternatingLogins) {
                    inputs.append(("database_security_group_ids", .array([plan.upstream(workload, "db_security_group_id")])))
                }
                // Alternating logins create and alter their logins as the database's administrator,
                // whose secret RDS keeps (absent from the state where the local target creates no database).
                let master =
                    strategies.contains(.postgresAlternatingLogins)
                    ? "compact([try(\(plan.upstreamExpression(workload, "db_master_secret_arn")), null)])" : "[]"
                inputs.append(("secret_arns", .string("${concat([for name in [\(names)] : \(secretARNs)[name]], \(master))}")))
                let jwks = mine.compactMap { $0.rotation.signingKey?.jwks }.compactMap(s3ObjectARN)
                if !jwks.isEmpty {
                    plan.data.append(
                        .init(
                            type: "aws_ec2_managed_prefix_list", name: "s3", body: ["name": .string("com.amazonaws.\(region.rawValue).s3")])
                    )
                    inputs.append(("s3_prefix_list_id", "${data.aws_ec2_managed_prefix_list.s3.id}"))
                    inputs.append(("jwks_object_arns", TerraformExpression.literals(jwks)))
                }
                inputs.append(
                    (
                        "rotation_schedules",
                        .object(
                            mine.map { secret in
                                (
                                    secret.name,
                                    [
                                        "secret_arn": .string("${\(secretARNs)[\"\(secret.name)\"]}"),
                                        "schedule_days": .int(secret.rotation.scheduleDays),
                                    ]
                                )
                            })
                    ))
                inputs.append(("enable_rotation", true))
                plan.modules.append(.init(name: module, module: "rotation-function", inputs: inputs))
                plan.export(
                    module,
                    [
                        ("function_arn", "Rotation function ARN."), ("role_arn", "The function's role."),
                        ("security_group_id", "The function's security group."), ("log_group_name", "The function's log group."),
                    ])
            }
            return plan
        }
    }

    /// PLINTH_ROTATION_CONFIG: each secret's strategy and its parameters, keyed by secret name.
    func rotationConfiguration(_ secrets: [SecretSpec]) -> JSONValue {
        let entries: [(String, JSONValue)] = secrets.compactMap { secret in
            guard let strategy = secret.rotation.strategy else { return nil }
            var entry: [(String, JSONValue)] = [("strategy", .string(strategy.rawValue))]
            if strategy == .signingKey, let key = secret.rotation.signingKey {
                entry.append(("algorithm", .string(key.algorithm.rawValue)))
                entry.append(("jwks", .string(key.jwks)))
                entry.append(("maxTokenLifetimeSeconds", .int(key.maxTokenLifetimeSeconds)))
            }
            return (secret.name, .object(entry))
        }
        return JSONValue.object([("secrets", .object(entries))]).sortedKeys()
    }

    /// `s3://bucket/key` as the object's ARN; nil for anything else.
    func s3ObjectARN(_ url: String) -> String? {
        Self.s3Location(url).map { "arn:aws:s3:::\($0.bucket)/\($0.key)" }
    }

    /// The bucket and key of `s3://bucket/key`; nil for anything else.
    static func s3Location(_ url: String) -> (bucket: String, key: String)? {
        guard url.hasPrefix("s3://") else { return nil }
        let path = url.dropFirst("s3://".count)
        guard let slash = path.firstIndex(of: "/"), slash != path.startIndex, path.index(after: slash) != path.endIndex else { return nil }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
