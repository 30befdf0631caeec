import PlinthSpec

/// Rules for DNS, secrets, observability, state, identity and pipelines: mostly references and ranges.
extension SpecValidator {
    mutating func checkDNS() {
        let dns = SpecPath.root + "dns"
        let zone = spec.dns.publicZone.lowercased()
        reference(spec.dns.publicZoneAccount.rawValue, at: dns + "publicZoneAccount", to: "account", among: accountNames)
        if zone != spec.platform.domain.lowercased() {
            error(
                "zone-domain", dns + "publicZone",
                "the public zone '\(spec.dns.publicZone)' must be the platform domain '\(spec.platform.domain)'")
        }
        for (index, privateZone) in spec.dns.privateZones.enumerated() {
            reference(
                privateZone.environment.rawValue, at: dns + "privateZones" + index + "environment", to: "environment",
                among: environmentNames)
        }
        for env in spec.environments where !spec.dns.privateZones.contains(where: { $0.environment == env.name }) {
            error("missing-private-zone", dns + "privateZones", "environment '\(env.name)' has no private zone")
        }
        for (index, certificate) in spec.dns.certificates.enumerated() {
            let path = dns + "certificates" + index
            reference(certificate.environment.rawValue, at: path + "environment", to: "environment", among: environmentNames)
            reference(certificate.region.rawValue, at: path + "region", to: "platform region", among: regionNames)
            if certificate.usage == .cloudFront && certificate.region.rawValue != "us-east-1" {
                error("cloudfront-certificate-region", path + "region", "CloudFront only uses certificates from us-east-1")
            }
            for (offset, name) in ([certificate.domain] + certificate.alternativeNames).enumerated() {
                let bare = name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
                if bare.lowercased() != zone && !bare.lowercased().hasSuffix("." + zone) {
                    error(
                        "outside-zone", offset == 0 ? path + "domain" : path + "alternativeNames" + (offset - 1),
                        "'\(name)' is not inside the public zone '\(spec.dns.publicZone)', so DNS validation cannot work")
                }
            }
        }
    }

    mutating func checkSecrets() {
        let base = SpecPath.root + "secrets"
        for (index, key) in spec.secrets.kmsKeys.enumerated() {
            let path = base + "kmsKeys" + index
            reference(key.environment.rawValue, at: path + "environment", to: "environment", among: environmentNames)
            if !key.alias.hasPrefix("alias/") || key.alias.hasPrefix("alias/aws/") {
                error("invalid-format", path + "alias", "KMS alias '\(key.alias)' must start with 'alias/' and not 'alias/aws/'")
            }
            if !(90...2560).contains(key.rotationDays) {
                error("out-of-range", path + "rotationDays", "rotationDays must be 90 to 2560, not \(key.rotationDays)")
            }
        }
        for env in spec.environments where !spec.secrets.kmsKeys.contains(where: { $0.environment == env.name }) {
            error("missing-kms-key", base + "kmsKeys", "environment '\(env.name)' has no KMS key")
        }
        let artifacts = spec.pipelines.functionArtifacts.map(\.name.rawValue)
        for (index, secret) in spec.secrets.secrets.enumerated() {
            let path = base + "secrets" + index
            reference(secret.environment.rawValue, at: path + "environment", to: "environment", among: environmentNames)
            if !secret.name.hasPrefix("\(secret.environment)/") {
                error("secret-name", path + "name", "secret '\(secret.name)' must be named '\(secret.environment)/<service>/<purpose>'")
            }
            if !(1...365).contains(secret.rotation.scheduleDays) {
                error(
                    "out-of-range", path + "rotation" + "scheduleDays", "scheduleDays must be 1 to 365, not \(secret.rotation.scheduleDays)"
                )
            }
            switch (secret.rotation.kind, secret.rotation.function) {
            case (.function, nil):
                error("missing-key", path + "rotation" + "function", "rotation kind 'function' needs the rotation function's name")
            case (.function, let function?):
                // The function's stack deploys the zip its artifact entry publishes; without one nothing would.
                reference(
                    function.rawValue, at: path + "rotation" + "function", to: "function (pipelines.functionArtifacts)", among: artifacts)
            case (.rdsNative, _?): error("unexpected-field", path + "rotation" + "function", "RDS-native rotation takes no function")
            default: break
            }
            checkRotationStrategy(secret.rotation, at: path + "rotation")
        }
        for (index, parameter) in spec.secrets.parameters.enumerated() {
            let path = base + "parameters" + index
            reference(parameter.environment.rawValue, at: path + "environment", to: "environment", among: environmentNames)
            let prefix = "/\(spec.platform.name)/\(parameter.environment)/"
            if !parameter.name.hasPrefix(prefix) {
                error("parameter-name", path + "name", "parameter '\(parameter.name)' must start with '\(prefix)'")
            }
        }
    }

    mutating func checkRotationStrategy(_ rotation: RotationSpec, at path: SpecPath) {
        switch (rotation.kind, rotation.strategy) {
        case (.function, nil): error("missing-key", path + "strategy", "rotation kind 'function' needs a strategy")
        case (.rdsNative, _?): error("unexpected-field", path + "strategy", "RDS-native rotation takes no strategy")
        default: break
        }
        switch (rotation.strategy, rotation.signingKey) {
        case (.signingKey?, nil): error("missing-key", path + "signingKey", "strategy 'signing-key' needs signingKey")
        case (.signingKey?, let key?):
            if !key.jwks.hasPrefix("s3://") || key.jwks.dropFirst(5).split(separator: "/").count < 2 {
                error("invalid-format", path + "signingKey" + "jwks", "jwks must be s3://<bucket>/<key>, not '\(key.jwks)'")
            }
            if !(60...86_400).contains(key.maxTokenLifetimeSeconds) {
                error(
                    "out-of-range", path + "signingKey" + "maxTokenLifetimeSeconds",
                    "maxTokenLifetimeSeconds must be 60 to 86400, not \(key.maxTokenLifetimeSeconds)")
            }
        case (_, _?): error("unexpected-field", path + "signingKey", "only strategy 'signing-key' takes signingKey")
        default: break
        }
    }

    mutating func checkObservability() {
        let base = SpecPath.root + "observability"
        let obs = spec.observability
        let allowedRetention: Set<Int> = [
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
        ]
        for (env, days) in obs.logRetentionDays.sorted(by: { $0.key < $1.key }) {
            let path = base + "logRetentionDays" + env
            reference(env, at: path, to: "environment", among: environmentNames)
            if !allowedRetention.contains(days) {
                let nearest = allowedRetention.min { abs($0 - days) < abs($1 - days) } ?? 30
                error("invalid-value", path, "CloudWatch Logs cannot keep logs for \(days) days", hint: "nearest allowed value: \(nearest)")
            }
        }
        for env in spec.environments where obs.logRetentionDays[env.name.rawValue] == nil {
            error("missing-key", base + "logRetentionDays", "no log retention for environment '\(env.name)'")
        }
        for (env, rate) in obs.tracing.samplingRate.sorted(by: { $0.key < $1.key }) {
            reference(env, at: base + "tracing" + "samplingRate" + env, to: "environment", among: environmentNames)
            if !(0...1).contains(rate) {
                error("out-of-range", base + "tracing" + "samplingRate" + env, "sampling rate \(rate) is not between 0 and 1")
            }
        }
        reference(obs.logPipeline.account.rawValue, at: base + "logPipeline" + "account", to: "account", among: accountNames)
        if !(60...900).contains(obs.logPipeline.firehoseBufferSeconds) {
            error("out-of-range", base + "logPipeline" + "firehoseBufferSeconds", "firehoseBufferSeconds must be 60 to 900")
        }
        reference(obs.prometheus.account.rawValue, at: base + "prometheus" + "account", to: "account", among: accountNames)
        reference(obs.grafana.account.rawValue, at: base + "grafana" + "account", to: "account", among: accountNames)
        let routes = obs.alertRoutes.map(\.name.rawValue)
        for severity in AlertSeverity.allCases where !obs.alertRoutes.contains(where: { $0.severity == severity }) {
            error("missing-route", base + "alertRoutes", "no alert route for severity '\(severity.rawValue)'")
        }
        for (index, route) in obs.alertRoutes.enumerated() where route.severity == .critical && route.destination != .pagerDuty {
            error("critical-route", base + "alertRoutes" + index + "destination", "critical alerts page through PagerDuty")
        }
        for (index, alert) in obs.alerts.enumerated() {
            let path = base + "alerts" + index
            reference(alert.route.rawValue, at: path + "route", to: "alert route", among: routes)
            for (offset, env) in alert.environments.enumerated() {
                reference(env.rawValue, at: path + "environments" + offset, to: "environment", among: environmentNames)
            }
            if alert.periodSeconds < 60 || alert.periodSeconds % 60 != 0 {
                error("out-of-range", path + "periodSeconds", "periodSeconds must be a positive multiple of 60, not \(alert.periodSeconds)")
            }
            if alert.evaluationPeriods < 1 { error("out-of-range", path + "evaluationPeriods", "evaluationPeriods must be at least 1") }
            if !alert.runbook.hasPrefix("docs/runbooks/") || !alert.runbook.hasSuffix(".md") {
                error("runbook-path", path + "runbook", "runbook '\(alert.runbook)' must be a page under docs/runbooks/ ending in .md")
            } else if !environment.fileExists(alert.runbook) {
                error("missing-runbook", path + "runbook", "runbook page '\(alert.runbook)' does not exist")
            }
        }
    }

    mutating func checkState() {
        let base = SpecPath.root + "terraformState"
        let state = spec.terraformState
        reference(state.account.rawValue, at: base + "account", to: "account", among: accountNames)
        reference(state.region.rawValue, at: base + "region", to: "platform region", among: regionNames)
        if !S3BucketName.isValid(state.bucket) {
            error(
                "invalid-format", base + "bucket",
                "'\(state.bucket)' is not a valid S3 bucket name (3-63 lowercase letters, digits, hyphens, dots)")
        }
        if state.lockTable.count < 3 || state.lockTable.count > 255
            || !state.lockTable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) })
        {
            error("invalid-format", base + "lockTable", "'\(state.lockTable)' is not a valid DynamoDB table name")
        }
        if state.keyPrefix.hasPrefix("/") || state.keyPrefix.hasSuffix("/") || state.keyPrefix.isEmpty {
            error("invalid-format", base + "keyPrefix", "keyPrefix must be non-empty with no leading or trailing '/'")
        }
    }

    mutating func checkIdentity() {
        let base = SpecPath.root + "identity"
        let workforce = spec.identity.workforce
        if !workforce.mfaRequired {
            error("mfa-required", base + "workforce" + "mfaRequired", "MFA is enforced globally; mfaRequired must be true")
        }
        let setNames = workforce.permissionSets.map(\.name)
        for (index, set) in workforce.permissionSets.enumerated() {
            let path = base + "workforce" + "permissionSets" + index
            if !(1...12).contains(set.sessionHours) {
                error("out-of-range", path + "sessionHours", "sessionHours must be 1 to 12, not \(set.sessionHours)")
            }
            for (offset, arn) in set.managedPolicies.enumerated() where !arn.hasPrefix("arn:aws:iam::aws:policy/") {
                error("invalid-format", path + "managedPolicies" + offset, "'\(arn)' is not an AWS managed policy ARN")
            }
        }
        for (index, assignment) in workforce.assignments.enumerated() {
            let path = base + "workforce" + "assignments" + index
            reference(assignment.permissionSet, at: path + "permissionSet", to: "permission set", among: setNames)
            for (offset, account) in assignment.accounts.enumerated() {
                reference(account.rawValue, at: path + "accounts" + offset, to: "account", among: accountNames)
            }
        }
        let customer = spec.identity.customer
        if !customer.apiIdentifier.hasPrefix("https://") {
            error("invalid-format", base + "customer" + "apiIdentifier", "the API identifier is an https URL")
        }
        for (index, tenant) in customer.tenants.enumerated() {
            reference(
                tenant.environment.rawValue, at: base + "customer" + "tenants" + index + "environment", to: "environment",
                among: environmentNames)
        }
        let app = spec.identity.application
        let permissions = app.permissions.map(\.name.rawValue)
        if !app.claimsNamespace.hasPrefix("https://") {
            error("invalid-format", base + "application" + "claimsNamespace", "the claims namespace is an https URL, as Auth0 requires")
        }
        for required in ["clinic_admin", "allergist", "patient"] where !app.roles.contains(where: { $0.name == required }) {
            error("missing-role", base + "application" + "roles", "the application role '\(required)' is missing")
        }
        for (index, role) in app.roles.enumerated() {
            let path = base + "application" + "roles" + index
            unique(
                role.grants.enumerated().map { ($0.element.permission.rawValue, path + "grants" + $0.offset + "permission") },
                kind: "grant of a permission")
            for (offset, grant) in role.grants.enumerated() {
                reference(grant.permission.rawValue, at: path + "grants" + offset + "permission", to: "permission", among: permissions)
                if role.name == "patient" && grant.scope != .own {
                    error(
                        "patient-scope", path + "grants" + offset + "scope",
                        "a patient acts only on their own records: scope must be 'self'")
                }
            }
        }
        for (index, scope) in app.machineScopes.enumerated() where PermissionName.matches(scope.name) == false {
            error(
                "invalid-format", base + "application" + "machineScopes" + index + "name",
                "'\(scope.name)' is not a scope in resource:action form")
        }
        if !app.machineScopes.contains(where: { $0.name == "policy:admin" }) {
            error("missing-scope", base + "application" + "machineScopes", "the admin APIs need the machine scope 'policy:admin'")
        }
    }

    mutating func checkPipelines() {
        let base = SpecPath.root + "pipelines"
        let repositories = spec.pipelines.repositories.map(\.name.rawValue)
        for (index, repository) in spec.pipelines.repositories.enumerated() {
            let path = base + "repositories" + index
            if repository.requiredReviews < 1 {
                error("out-of-range", path + "requiredReviews", "protected branches need at least one approving review")
            }
            if repository.requiredChecks.isEmpty { error("empty-list", path + "requiredChecks", "a protected branch needs status checks") }
        }
        let roles = spec.pipelines.deployRoles
        unique(roles.named(base + "deployRoles", "roleName") { "\($0.account)/\($0.roleName)" }, kind: "role name in an account")
        unique(
            roles.named(base + "deployRoles", "access") { "\($0.account)/\($0.repository)/\($0.access.rawValue)" },
            kind: "access of a repository in an account")
        for (index, role) in roles.enumerated() {
            let path = base + "deployRoles" + index
            reference(role.account.rawValue, at: path + "account", to: "account", among: accountNames)
            reference(role.repository.rawValue, at: path + "repository", to: "repository", among: repositories)
            for (offset, env) in role.environments.enumerated() {
                reference(env.rawValue, at: path + "environments" + offset, to: "environment", among: environmentNames)
            }
            if role.branches.isEmpty && role.environments.isEmpty {
                error("unrestricted-trust", path, "deploy role '\(role.roleName)' must be restricted to branches or environments")
            }
            if role.requiresApproval, role.approvers.isEmpty {
                error(
                    "missing-approvers", path + "approvers",
                    "deploy role '\(role.roleName)' requires approval: name the GitHub teams that approve its deployments")
            }
            checkAccess(role, at: path)
            if role.access == .deploy, let env = spec.environments.first(where: { $0.account == role.account }), env.tier == .production {
                if !role.requiresApproval {
                    error("production-approval", path + "requiresApproval", "the production deploy role requires approval")
                }
                if !role.branches.isEmpty {
                    error(
                        "production-branches", path + "branches",
                        "production deploys only from an approved GitHub environment, not from a branch")
                }
            }
        }
        for env in spec.environments
        where !spec.pipelines.deployRoles.contains(where: { $0.account == env.account && $0.access == .deploy }) {
            error("missing-deploy-role", base + "deployRoles", "no deploy role for the account of environment '\(env.name)'")
        }
        checkChangeLog(base + "changeLog")
    }

    mutating func checkChangeLog(_ base: SpecPath) {
        let log = spec.pipelines.changeLog
        reference(log.account.rawValue, at: base + "account", to: "account", among: accountNames)
        if accountNames.contains(log.account.rawValue), log.account != spec.observability.logPipeline.account {
            error(
                "change-log-account", base + "account",
                "the change log lives in the log archive account '\(spec.observability.logPipeline.account)', not '\(log.account)'")
        }
        if !S3BucketName.isValid(log.bucket) {
            error(
                "invalid-format", base + "bucket",
                "'\(log.bucket)' is not a valid S3 bucket name (3-63 lowercase letters, digits, hyphens, dots)")
        } else if log.bucket == spec.terraformState.bucket {
            error("duplicate-bucket", base + "bucket", "the change log needs a bucket of its own, not the state bucket")
        }
        if log.retentionDays < ChangeLogSpec.minimumRetentionDays || log.retentionDays > 36500 {
            error(
                "out-of-range", base + "retentionDays",
                "change records are kept \(ChangeLogSpec.minimumRetentionDays) to 36500 days (HIPAA keeps documentation six years)")
        }
    }
}

enum S3BucketName {
    static func isValid(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last,
            first.isLetter || first.isNumber, last.isLetter || last.isNumber, !name.contains("..")
        else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
    }
}
