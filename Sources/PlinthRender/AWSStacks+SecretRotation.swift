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

    /// Where the release pipeline publishes a rotation function's zip (`scripts/package-rotation`'s
    /// output): the environment's artifact bucket, in the function's own account and region.
    func rotationPackage(_ environment: EnvironmentSpec, function: String) -> JSONValue {
        [
            "s3_bucket": .string("\(platformName)-\(environment.name.rawValue)-lambda-artifacts"),
            "s3_key": .string("\(function)/\(function).zip"),
        ]
    }

    func secretRotationStacks() -> [StackPlan] {
        spec.environments.compactMap { environment in
            let region = primaryRegion(environment)
            let rotated = spec.secrets.secrets.filter { $0.environment == environment.name && $0.rotation.kind == .function }
            // The workload stack (the database) exists exactly where the environment has a spoke in its primary region.
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
                    inputs.append(("package", rotationPackage(environment, function: function)))
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
        guard url.hasPrefix("s3://") else { return nil }
        let path = url.dropFirst("s3://".count)
        guard let slash = path.firstIndex(of: "/"), slash != path.startIndex, path.index(after: slash) != path.endIndex else { return nil }
        return "arn:aws:s3:::\(path)"
    }
}
