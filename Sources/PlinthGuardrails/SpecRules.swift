import PlinthAddressing
import PlinthSpec

/// Rules over the typed spec: a finding points at the key in platform.yaml that causes it.
struct SpecRules {
    let input: GuardrailInput
    var spec: PlatformSpec { input.spec }

    func evaluate(into evaluation: inout Evaluation) {
        keys(&evaluation)
        edge(&evaluation)
        securityGroups(&evaluation)
        databases(&evaluation)
        logs(&evaluation)
        secrets(&evaluation)
        serviceControlPolicies(&evaluation)
        deployRoles(&evaluation)
        workforce(&evaluation)
        tagsAndPipelines(&evaluation)
    }

    private func check(
        _ evaluation: inout Evaluation, _ rule: String, _ path: SpecPath, _ passes: Bool, _ message: @autoclosure () -> String
    ) {
        evaluation.cover(rule, path.description)
        if !passes { evaluation.add(input.specFinding(rule, path, message())) }
    }

    private func keys(_ evaluation: inout Evaluation) {
        for (index, key) in spec.secrets.kmsKeys.enumerated() {
            check(
                &evaluation, "PL-KMS-001", .root + "secrets" + "kmsKeys" + index + "rotationDays", key.rotationDays <= 365,
                "key \(key.alias) rotates every \(key.rotationDays) days; at most 365")
        }
    }

    private func edge(_ evaluation: inout Evaluation) {
        let edge = spec.network.edge, path = SpecPath.root + "network" + "edge"
        let tls = edge.minimumTLS
        check(
            &evaluation, "PL-EDGE-001", path + "minimumTLS", tls.hasPrefix("TLSv1.2") || tls.hasPrefix("TLSv1.3"),
            "minimumTLS \(tls) allows protocols older than TLS 1.2")
        check(&evaluation, "PL-EDGE-002", path + "webACL", edge.webACL, "CloudFront has no web ACL")
        check(&evaluation, "PL-EDGE-003", path + "cloudFront", edge.cloudFront, "the public tier is not fronted by CloudFront")
    }

    private func securityGroups(_ evaluation: inout Evaluation) {
        let base = SpecPath.root + "network" + "securityGroupIntent"
        for (index, intent) in spec.network.securityGroupIntent.enumerated() {
            let path = base + index
            switch intent.tier {
            case .public:
                let others = intent.allowFrom.filter { $0 != .cloudfront }
                check(
                    &evaluation, "PL-NET-001", path + "allowFrom", others.isEmpty,
                    "the public tier accepts \(others.map(\.rawValue).joined(separator: ", ")) besides CloudFront")
                let ports = intent.ports.filter { $0 != 443 }
                check(
                    &evaluation, "PL-NET-002", path + "ports", ports.isEmpty,
                    "the public tier opens \(ports.map(String.init).joined(separator: ", ")) besides 443")
            case .private:
                let direct = intent.allowFrom.filter { $0 == .internet || $0 == .cloudfront }
                check(
                    &evaluation, "PL-NET-004", path + "allowFrom", direct.isEmpty,
                    "the application tier accepts \(direct.map(\.rawValue).joined(separator: ", ")) directly")
            case .isolated:
                let others = intent.allowFrom.filter { $0 != .private }
                check(
                    &evaluation, "PL-NET-003", path + "allowFrom", others.isEmpty,
                    "the data tier accepts \(others.map(\.rawValue).joined(separator: ", ")) besides the application tier")
            }
        }
        let required = ["kms", "secretsmanager", "sts", "logs"]
        let missing = required.filter { !spec.network.interfaceEndpoints.contains($0) }
        check(
            &evaluation, "PL-NET-005", .root + "network" + "interfaceEndpoints", missing.isEmpty,
            "no interface endpoint for \(missing.joined(separator: ", "))")
    }

    private func databases(_ evaluation: inout Evaluation) {
        for (index, env) in spec.environments.enumerated() where env.tier == .production {
            let path = SpecPath.root + "environments" + index
            check(
                &evaluation, "PL-DB-001", path + "database" + "backupRetentionDays", env.database.backupRetentionDays >= 7,
                "production keeps backups \(env.database.backupRetentionDays) days; at least 7")
            if let dr = env.disasterRecovery {
                check(
                    &evaluation, "PL-DB-003", path + "disasterRecovery" + "rpoMinutes", dr.rpoMinutes <= 60,
                    "recovery point objective \(dr.rpoMinutes) minutes; at most 60")
            }
        }
    }

    private func logs(_ evaluation: inout Evaluation) {
        let base = SpecPath.root + "observability"
        for env in spec.environments where env.tier == .production {
            let days = spec.observability.logRetentionDays[env.name.rawValue] ?? 0
            check(
                &evaluation, "PL-LOG-001", base + "logRetentionDays" + env.name.rawValue, days >= 365,
                "\(env.name) keeps logs \(days) days; at least 365")
        }
        let days = spec.observability.logPipeline.openSearchRetentionDays
        check(
            &evaluation, "PL-LOG-002", base + "logPipeline" + "openSearchRetentionDays", days >= 90,
            "OpenSearch keeps logs \(days) days; at least 90")
    }

    private func secrets(_ evaluation: inout Evaluation) {
        let phi = input.phiEnvironments
        for (index, secret) in spec.secrets.secrets.enumerated() where phi.contains(secret.environment) {
            check(
                &evaluation, "PL-SEC-001", .root + "secrets" + "secrets" + index + "rotation" + "scheduleDays",
                secret.rotation.scheduleDays <= 90,
                "secret \(secret.name) of PHI environment \(secret.environment) rotates every \(secret.rotation.scheduleDays) days; at most 90"
            )
        }
    }

    private func serviceControlPolicies(_ evaluation: inout Evaluation) {
        let organization = spec.organization
        var parent: [String: String] = [:]
        for ou in organization.organizationalUnits { if let up = ou.parent { parent[ou.name] = up } }
        func lineage(_ ou: String) -> Set<String> {
            var names: Set<String> = [ou]
            var current = ou
            while let up = parent[current], names.insert(up).inserted { current = up }
            return names
        }
        let kinds: [(String, ServiceControlPolicyKind)] = [
            ("PL-ORG-001", .denyLeaveOrganization), ("PL-ORG-002", .denyRootUser), ("PL-ORG-003", .denyRegionsOutsideAllowed),
            ("PL-ORG-004", .denyIAMUsersAndAccessKeys), ("PL-ORG-005", .denySecurityServiceChanges),
        ]
        // OUs whose accounts run infrastructure: environment accounts and network hub accounts.
        let runningAccounts = Set(spec.environments.map(\.account) + spec.network.hubs.map(\.account))
        let runningOUs = Set(organization.accounts.filter { runningAccounts.contains($0.name) }.compactMap(\.organizationalUnit))
        for (index, ou) in organization.organizationalUnits.enumerated() {
            let path = SpecPath.root + "organization" + "organizationalUnits" + index
            let chain = lineage(ou.name)
            func covered(_ kind: ServiceControlPolicyKind) -> Bool {
                organization.serviceControlPolicies.contains { $0.kind == kind && !chain.isDisjoint(with: $0.attachTo) }
            }
            for (rule, kind) in kinds {
                check(&evaluation, rule, path, covered(kind), "OU \(ou.name) is not covered by a \(kind.rawValue) policy")
            }
            if runningOUs.contains(ou.name) {
                check(
                    &evaluation, "PL-ORG-006", path, covered(.requireIMDSv2),
                    "OU \(ou.name) holds accounts that run instances but no require-imdsv2 policy covers it")
            }
        }
    }

    private func deployRoles(_ evaluation: inout Evaluation) {
        for (index, role) in spec.pipelines.deployRoles.enumerated() {
            let path = SpecPath.root + "pipelines" + "deployRoles" + index
            let wildcards = role.branches.filter { $0.isEmpty || $0.allSatisfy { "*/".contains($0) } }
            check(
                &evaluation, "PL-IAM-001", path + (role.branches.isEmpty ? "environments" : "branches"),
                wildcards.isEmpty && !(role.branches.isEmpty && role.environments.isEmpty),
                wildcards.isEmpty ? "deploy role trusts no branch or environment" : "deploy role trusts any branch ('\(wildcards[0])')")
        }
    }

    static let administratorPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
    static let writePolicies: Set<String> = [administratorPolicy, "arn:aws:iam::aws:policy/PowerUserAccess"]

    private func workforce(_ evaluation: inout Evaluation) {
        let workforce = spec.identity.workforce
        let base = SpecPath.root + "identity" + "workforce"
        let excepted = Set(spec.guardrails.administratorAccess.map(\.principal))
        for (index, set) in workforce.permissionSets.enumerated() {
            let path = base + "permissionSets" + index
            let isAdmin = set.managedPolicies.contains(Self.administratorPolicy)
            if isAdmin {
                check(
                    &evaluation, "PL-IAM-004", path + "managedPolicies", excepted.contains("permission-set/\(set.name)"),
                    "permission set \(set.name) grants AdministratorAccess but guardrails.administratorAccess does not name it")
                check(
                    &evaluation, "PL-IAM-006", path + "sessionHours", set.sessionHours <= 2,
                    "administrator sessions of \(set.name) last \(set.sessionHours) hours; at most 2")
            }
        }
        let writeSets = Set(
            workforce.permissionSets.filter { !Self.writePolicies.isDisjoint(with: $0.managedPolicies) }.map(\.name))
        let phiAccounts = Set(spec.environments.filter { input.phiEnvironments.contains($0.name) }.map(\.account))
        for (index, assignment) in workforce.assignments.enumerated() where writeSets.contains(assignment.permissionSet) {
            let path = base + "assignments" + index + "accounts"
            let reached = assignment.accounts.filter { phiAccounts.contains($0) }
            check(
                &evaluation, "PL-IAM-007", path, reached.isEmpty || excepted.contains("permission-set/\(assignment.permissionSet)"),
                "\(assignment.group) gets \(assignment.permissionSet) in PHI accounts \(reached.map(\.rawValue).joined(separator: ", "))")
        }
    }

    private func tagsAndPipelines(_ evaluation: inout Evaluation) {
        let classification = spec.platform.tags["DataClassification"]
        check(
            &evaluation, "PL-TAG-001", .root + "platform" + "tags",
            classification.map { ["phi", "confidential", "internal", "public"].contains($0) } ?? false,
            classification.map { "DataClassification '\($0)' is not one of phi, confidential, internal, public" }
                ?? "platform.tags has no DataClassification")
        let gates = SpecPath.root + "pipelines" + "securityGates"
        check(&evaluation, "PL-PIPE-001", gates, spec.pipelines.securityGates.contains(.iacPolicy), "no iac-policy gate")
        check(&evaluation, "PL-PIPE-002", gates, spec.pipelines.securityGates.contains(.secretScanning), "no secret-scanning gate")
        let deploying = Set(spec.pipelines.deployRoles.map(\.repository))
        for (index, repository) in spec.pipelines.repositories.enumerated() where deploying.contains(repository.name) {
            let path = SpecPath.root + "pipelines" + "repositories" + index
            let weak = repository.requiredReviews < 2 || !repository.requireCodeOwnerReviews
            check(
                &evaluation, "PL-PIPE-003", path + (repository.requiredReviews < 2 ? "requiredReviews" : "requireCodeOwnerReviews"), !weak,
                "repository \(repository.name) deploys but needs \(repository.requiredReviews) review(s)\(repository.requireCodeOwnerReviews ? "" : " and no code owner")"
            )
        }
    }
}
