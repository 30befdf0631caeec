import Foundation
import PlinthAddressing
import PlinthSpec

/// Rules over plan JSON: each finding names the stack, the resource address and the spec key that
/// produced the resource.
struct PlanRules {
    let input: GuardrailInput
    let text: StackText
    let resolver: SpecKeyResolver

    init(input: GuardrailInput) {
        self.input = input
        text = StackText(rendered: input.rendered, root: input.stackRoot)
        resolver = SpecKeyResolver(spec: input.spec)
    }

    static let administratorPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

    func evaluate(into evaluation: inout Evaluation) {
        let reserved = input.spec.network.addressPlan.reserved
        let exceptions = input.spec.guardrails.administratorAccess.map(\.principal)
        let phi = input.phiEnvironments
        for plan in input.plans {
            var context = PlanContext(plan: plan, rules: self, evaluation: evaluation)
            let environment = resolver.environment(ofStack: plan.stack)?.spec
            let production = environment?.tier == .production
            let isPHI = environment.map { phi.contains($0.name) } ?? false
            for resource in plan.resources {
                let values = resource.values
                switch resource.type {
                case "aws_s3_bucket": context.bucket(resource)
                case "aws_db_instance":
                    context.check(
                        "PL-RDS-001", resource, values["storage_encrypted"]?.boolValue == true && context.keySet(values, "kms_key_id"),
                        "database storage is not encrypted with a customer key")
                    context.check(
                        "PL-RDS-005", resource, values["publicly_accessible"]?.boolValue != true, "database is publicly accessible")
                    if let environment {
                        let days = values["backup_retention_period"]?.intValue ?? 0
                        context.check(
                            "PL-RDS-004", resource, days >= environment.database.backupRetentionDays,
                            "backups kept \(days) days; the spec says \(environment.database.backupRetentionDays)")
                    }
                    if production {
                        context.check("PL-RDS-002", resource, values["multi_az"]?.boolValue == true, "production database is single-AZ")
                        context.check(
                            "PL-RDS-003", resource, values["deletion_protection"]?.boolValue == true,
                            "production database has no deletion protection")
                        let replicated = plan.resources.contains { $0.type == "aws_db_instance_automated_backups_replication" }
                        context.check("PL-RDS-006", resource, replicated, "no automated backup replication to the DR region")
                    }
                case "aws_cloudwatch_log_group":
                    context.check(
                        "PL-LOG-003", resource, context.keySet(values, "kms_key_id"), "log group is not encrypted with a customer key")
                    if let environment, let wanted = input.spec.observability.logRetentionDays[environment.name.rawValue] {
                        let days = values["retention_in_days"]?.intValue ?? 0
                        context.check(
                            "PL-LOG-004", resource, days == 0 || days >= wanted, "log group keeps \(days) days; the spec says \(wanted)")
                    }
                case "aws_sns_topic":
                    context.check(
                        "PL-SNS-001", resource, context.keySet(values, "kms_master_key_id"), "topic is not encrypted with a customer key")
                case "aws_secretsmanager_secret":
                    context.check(
                        "PL-SM-001", resource, context.keySet(values, "kms_key_id"), "secret is not encrypted with a customer key")
                case "aws_secretsmanager_secret_rotation" where isPHI:
                    let rules = values["rotation_rules"]?.block
                    let days = rules?["automatically_after_days"]?.intValue
                    let scheduled = rules?["schedule_expression"]?.isSet ?? false
                    context.check(
                        "PL-SM-002", resource, scheduled || (days.map { $0 > 0 && $0 <= 90 } ?? false),
                        "secret rotates every \(days.map(String.init) ?? "?") days; at most 90 in a PHI environment")
                case "aws_opensearch_domain":
                    let rest = values["encrypt_at_rest"]?.block
                    context.check(
                        "PL-OS-001", resource, rest?["enabled"]?.boolValue == true && context.keySet(rest ?? .null, "kms_key_id"),
                        "domain is not encrypted at rest with a customer key")
                    let endpoint = values["domain_endpoint_options"]?.block
                    let policy = endpoint?["tls_security_policy"]?.stringValue ?? ""
                    context.check(
                        "PL-OS-002", resource,
                        endpoint?["enforce_https"]?.boolValue == true && policy.contains("TLS-1-2")
                            && values["node_to_node_encryption"]?.block?["enabled"]?.boolValue == true,
                        "domain does not enforce HTTPS with TLS 1.2 and node-to-node encryption")
                case "aws_kinesis_firehose_delivery_stream":
                    let sse = values["server_side_encryption"]?.block
                    context.check(
                        "PL-FH-001", resource,
                        sse?["enabled"]?.boolValue == true && sse?["key_type"]?.stringValue == "CUSTOMER_MANAGED_CMK",
                        "stream is not encrypted with a customer key")
                case "aws_kms_key":
                    let spec = values["customer_master_key_spec"]?.stringValue ?? "SYMMETRIC_DEFAULT"
                    if spec == "SYMMETRIC_DEFAULT" {
                        context.check("PL-KMS-002", resource, values["enable_key_rotation"]?.boolValue == true, "key rotation is off")
                    }
                case "aws_cloudfront_distribution":
                    let version = values["viewer_certificate"]?.block?["minimum_protocol_version"]?.stringValue ?? ""
                    context.check(
                        "PL-CF-001", resource, version.hasPrefix("TLSv1.2") || version.hasPrefix("TLSv1.3"),
                        "viewers may use \(version.isEmpty ? "any protocol" : version)")
                    let behaviours =
                        (values["default_cache_behavior"]?.arrayValue ?? []) + (values["ordered_cache_behavior"]?.arrayValue ?? [])
                    let plain = behaviours.contains { $0["viewer_protocol_policy"]?.stringValue == "allow-all" }
                    context.check("PL-CF-002", resource, !plain, "a cache behaviour serves plain HTTP (allow-all)")
                case "aws_lb_listener":
                    let proto = values["protocol"]?.stringValue ?? ""
                    let policy = values["ssl_policy"]?.stringValue ?? ""
                    let redirects =
                        values["default_action"]?.arrayValue.allSatisfy {
                            $0["type"]?.stringValue == "redirect" && $0["redirect"]?.block?["protocol"]?.stringValue == "HTTPS"
                        } ?? false
                    let strong = proto == "HTTPS" && (policy.contains("-1-2-") || policy.contains("TLS13"))
                    context.check(
                        "PL-ALB-001", resource, strong || (proto == "HTTP" && redirects),
                        proto == "HTTPS"
                            ? "listener allows TLS older than 1.2 (\(policy))" : "listener serves \(proto) without redirecting to HTTPS")
                case "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_security_group_rule":
                    context.ingress(resource)
                case "aws_launch_template", "aws_instance":
                    context.check(
                        "PL-EC2-001", resource, values["metadata_options"]?.block?["http_tokens"]?.stringValue == "required",
                        "instance metadata does not require IMDSv2 tokens")
                case "aws_vpc":
                    let id = values["id"]?.stringValue
                    let logged = plan.resources.contains { log in
                        log.type == "aws_flow_log"
                            && (id.map { log.values["vpc_id"]?.stringValue == $0 } ?? (log.module == resource.module))
                    }
                    context.check("PL-VPC-001", resource, logged, "VPC has no flow log")
                    context.reserved(resource, reserved)
                case "aws_subnet": context.reserved(resource, reserved)
                case "aws_iam_user", "aws_iam_access_key", "aws_iam_user_login_profile":
                    context.check("PL-IAM-101", resource, false, "\(resource.type) creates long-lived IAM credentials")
                case "aws_iam_role_policy_attachment":
                    if values["policy_arn"]?.stringValue == Self.administratorPolicy {
                        let role = values["role"]?.stringValue ?? ""
                        let allowed = exceptions.contains { principal in
                            principal.hasPrefix("role/") && (role == principal.dropFirst(5) || role.hasPrefix(principal.dropFirst(5) + "-"))
                        }
                        context.check("PL-IAM-102", resource, allowed, "role \(role) gets AdministratorAccess without a named exception")
                    }
                case "aws_iam_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_user_policy_attachment":
                    context.check(
                        "PL-IAM-102", resource, values["policy_arn"]?.stringValue != Self.administratorPolicy,
                        "AdministratorAccess attached outside a role exception")
                case "aws_ssoadmin_managed_policy_attachment":
                    if values["managed_policy_arn"]?.stringValue == Self.administratorPolicy {
                        let set = SpecKeyResolver.instanceKey(of: resource.address)?.split(separator: "/").first.map(String.init) ?? "?"
                        context.check(
                            "PL-IAM-102", resource, exceptions.contains("permission-set/\(set)"),
                            "permission set \(set) gets AdministratorAccess without a named exception")
                    }
                case "aws_iam_role": context.trust(resource)
                default: break
                }
                if case .object = values["tags_all"] ?? .null {
                    context.check(
                        "PL-TAG-101", resource, values["tags_all"]?["DataClassification"]?.isSet ?? false,
                        "resource has no DataClassification tag")
                }
            }
            evaluation = context.evaluation
        }
    }

    func finding(_ rule: String, _ plan: PlanDocument, _ resource: PlannedResource, _ message: String) -> Finding {
        let path = resolver.path(stack: plan.stack, resource: resource)
        let specLocation = path.flatMap { input.location(of: $0) }
        return Finding(
            ruleID: rule, message: message, specPath: path, specLocation: specLocation, stack: plan.stack, resource: resource.address,
            location: text.location(stack: plan.stack, resource: resource))
    }
}

/// The rules' view of one plan: companion lookups and the evaluation being filled.
struct PlanContext {
    let plan: PlanDocument
    let rules: PlanRules
    var evaluation: Evaluation

    mutating func check(_ rule: String, _ resource: PlannedResource, _ passes: Bool, _ message: @autoclosure () -> String) {
        evaluation.cover(rule, "\(plan.stack):\(resource.address)")
        if !passes { evaluation.add(rules.finding(rule, plan, resource, message())) }
    }

    /// A key attribute is set, or unknown until apply (absent from planned values).
    func keySet(_ values: JSONValue, _ key: String) -> Bool {
        guard case .object(let pairs) = values, let value = pairs.first(where: { $0.0 == key })?.1 else {
            return values != .null
        }
        return value.isSet
    }

    /// The resource of `type` that configures `bucket`: same bucket name, else same resource name in the module.
    func companion(of bucket: PlannedResource, _ type: String) -> PlannedResource? {
        let candidates = plan.resources.filter { $0.type == type && $0.module == bucket.module }
        if let name = bucket.values["bucket"]?.stringValue,
            let match = candidates.first(where: { $0.values["bucket"]?.stringValue == name })
        {
            return match
        }
        let localName = Self.localName(bucket.address)
        return candidates.first { Self.localName($0.address) == localName } ?? (candidates.count == 1 ? candidates.first : nil)
    }

    static func localName(_ address: String) -> String {
        let last = address.split(separator: ".").last.map(String.init) ?? address
        return last.split(separator: "[").first.map(String.init) ?? last
    }

    mutating func bucket(_ bucket: PlannedResource) {
        let encryption = companion(of: bucket, "aws_s3_bucket_server_side_encryption_configuration")
        let byDefault = encryption?.values["rule"]?.arrayValue.compactMap { $0["apply_server_side_encryption_by_default"]?.block }.first
        let algorithm = byDefault?["sse_algorithm"]?.stringValue ?? ""
        check(
            "PL-S3-001", bucket, algorithm.hasPrefix("aws:kms") && keySet(byDefault ?? .null, "kms_master_key_id"),
            encryption == nil ? "bucket has no encryption configuration" : "bucket is encrypted with \(algorithm), not a customer key")
        let block = companion(of: bucket, "aws_s3_bucket_public_access_block")
        let flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]
        let open = flags.filter { block?.values[$0]?.boolValue != true }
        check(
            "PL-S3-002", bucket, open.isEmpty,
            block == nil ? "bucket has no public access block" : "public access block leaves \(open.joined(separator: ", ")) off")
        let policy = companion(of: bucket, "aws_s3_bucket_policy")
        let document = policy?.values["policy"]?.stringValue
        let denies = document.map { $0.contains("aws:SecureTransport") && $0.contains("Deny") } ?? (policy != nil)
        check("PL-S3-003", bucket, denies, "bucket policy does not deny requests without TLS")
        let versioning = companion(of: bucket, "aws_s3_bucket_versioning")
        check(
            "PL-S3-004", bucket, versioning?.values["versioning_configuration"]?.block?["status"]?.stringValue == "Enabled",
            "bucket does not keep versions")
    }

    /// Ingress from anywhere (PL-SG-001) and database ports open to address ranges (PL-SG-002).
    mutating func ingress(_ resource: PlannedResource) {
        let values = resource.values
        var rules: [(from: Int, to: Int, cidrs: [String])] = []
        switch resource.type {
        case "aws_security_group":
            for rule in values["ingress"]?.arrayValue ?? [] {
                let cidrs = (rule["cidr_blocks"]?.arrayValue ?? []) + (rule["ipv6_cidr_blocks"]?.arrayValue ?? [])
                rules.append((rule["from_port"]?.intValue ?? 0, rule["to_port"]?.intValue ?? 65535, cidrs.compactMap(\.stringValue)))
            }
        case "aws_vpc_security_group_ingress_rule":
            let cidrs = [values["cidr_ipv4"], values["cidr_ipv6"]].compactMap { $0?.stringValue }
            rules.append((values["from_port"]?.intValue ?? 0, values["to_port"]?.intValue ?? 65535, cidrs))
        default:
            guard values["type"]?.stringValue == "ingress" else { return }
            let cidrs = (values["cidr_blocks"]?.arrayValue ?? []) + (values["ipv6_cidr_blocks"]?.arrayValue ?? [])
            rules.append((values["from_port"]?.intValue ?? 0, values["to_port"]?.intValue ?? 65535, cidrs.compactMap(\.stringValue)))
        }
        let open = rules.filter { $0.cidrs.contains("0.0.0.0/0") || $0.cidrs.contains("::/0") }
        check(
            "PL-SG-001", resource, open.isEmpty,
            "ingress from anywhere on ports \(open.map { "\($0.from)-\($0.to)" }.joined(separator: ", "))")
        let database = rules.filter { $0.from <= 5432 && 5432 <= $0.to && !$0.cidrs.isEmpty && $0.to - $0.from < 65535 }
        let fromRanges = database.filter { !($0.cidrs.contains("0.0.0.0/0") || $0.cidrs.contains("::/0")) }
        check(
            "PL-SG-002", resource, fromRanges.isEmpty,
            "database port open to \(fromRanges.flatMap(\.cidrs).joined(separator: ", ")) instead of the application tier")
    }

    mutating func reserved(_ resource: PlannedResource, _ ranges: [ReservedRange]) {
        guard let text = resource.values["cidr_block"]?.stringValue, let prefix = try? IPv4Prefix(parsing: text) else { return }
        let hit = ranges.filter { $0.cidr.overlaps(prefix) }
        check(
            "PL-NET-006", resource, hit.isEmpty,
            "\(text) overlaps reserved \(hit.map { "\($0.name) (\($0.cidr))" }.joined(separator: ", "))")
    }

    /// GitHub OIDC trust: every subject names the platform's organization, one repository, and a
    /// branch or environment that is not a bare wildcard.
    mutating func trust(_ role: PlannedResource) {
        guard let text = role.values["assume_role_policy"]?.stringValue, text.contains("token.actions.githubusercontent.com"),
            let policy = JSONValue.parse(Data(text.utf8))
        else { return }
        let organization = rules.input.spec.pipelines.githubOrganization
        var subjects: [String] = []
        var statements = policy["Statement"]?.arrayValue ?? []
        if statements.isEmpty, let single = policy["Statement"] { statements = [single] }
        for statement in statements {
            for (_, operands) in statement["Condition"]?.objectPairs ?? [] {
                guard let value = operands["token.actions.githubusercontent.com:sub"] else { continue }
                subjects += value.stringValue.map { [$0] } ?? value.arrayValue.compactMap(\.stringValue)
            }
        }
        // A plan role (access `plan`, `pullRequests` in the spec) may also trust its repository's
        // pull requests: it only reads (ADR 0021). Plans come from either target, so both names count.
        let roleName = role.values["name"]?.stringValue
        let pullRequestSubjects = Set(
            rules.input.spec.pipelines.deployRoles
                .filter { spec in
                    spec.access == .plan && spec.pullRequests
                        && [false, true].contains { spec.iamName(onEmulator: $0) == roleName }
                }
                .map { "repo:\(organization)/\($0.repository.rawValue):pull_request" })
        let bad = subjects.filter { !Self.isNarrow($0, organization: organization) && !pullRequestSubjects.contains($0) }
        check(
            "PL-IAM-103", role, !subjects.isEmpty && bad.isEmpty,
            subjects.isEmpty ? "OIDC trust has no sub condition" : "OIDC trust accepts \(bad.joined(separator: ", "))")
    }

    static func isNarrow(_ subject: String, organization: String) -> Bool {
        let prefix = "repo:\(organization)/"
        guard subject.hasPrefix(prefix) else { return false }
        let rest = subject.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let repository = rest[rest.startIndex..<colon]
        guard !repository.isEmpty, !repository.contains("*") else { return false }
        let claim = rest[rest.index(after: colon)...]
        for kind in ["ref:refs/heads/", "environment:"] where claim.hasPrefix(kind) {
            let name = claim.dropFirst(kind.count)
            return !name.isEmpty && !name.allSatisfy { "*/".contains($0) }
        }
        return false
    }
}
