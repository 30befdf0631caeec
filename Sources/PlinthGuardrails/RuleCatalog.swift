/// Every guardrail `plinth check` knows, in a fixed order. Ids never change meaning: a retired rule
/// keeps its id out of use, so waivers and dashboards keyed on an id stay truthful.
public enum RuleCatalog {
    static let accessControl = "164.312(a)(1)"
    static let encryption = "164.312(a)(2)(iv)"
    static let audit = "164.312(b)"
    static let integrity = "164.312(c)(1)"
    static let authentication = "164.312(d)"
    static let transmission = "164.312(e)(1)"
    static let activityReview = "164.308(a)(1)(ii)(D)"
    static let workforce = "164.308(a)(3)"
    static let accessManagement = "164.308(a)(4)"
    static let backup = "164.308(a)(7)(ii)(A)"
    static let disasterRecovery = "164.308(a)(7)(ii)(B)"

    public static let rules: [GuardrailRule] = specRules + stackRules + planRules + platformRules

    static let specRules: [GuardrailRule] = [
        .init(
            "PL-KMS-001", .high, .spec, "Customer keys rotate at least once a year",
            rationale: "A key that never rotates protects years of PHI with one secret.",
            remediation: "Set secrets.kmsKeys[].rotationDays to 365 or fewer.", cis: ["3.6"], hipaa: [encryption]),
        .init(
            "PL-EDGE-001", .high, .spec, "CloudFront accepts TLS 1.2 or newer only",
            rationale: "TLS 1.0 and 1.1 are broken for PHI in transit.",
            remediation: "Set network.edge.minimumTLS to TLSv1.2_2021 (or a newer TLSv1.2/TLSv1.3 policy).", hipaa: [transmission]),
        .init(
            "PL-EDGE-002", .medium, .spec, "CloudFront is protected by a web ACL",
            rationale: "The public entry point needs request filtering before traffic reaches the application.",
            remediation: "Set network.edge.webACL to true.", hipaa: [accessControl]),
        .init(
            "PL-EDGE-003", .high, .spec, "The public tier is fronted by CloudFront",
            rationale: "Load balancers accept HTTPS from CloudFront only; without CloudFront they would face the internet.",
            remediation: "Set network.edge.cloudFront to true.", hipaa: [transmission]),
        .init(
            "PL-NET-001", .critical, .spec, "The public tier accepts traffic from CloudFront only",
            rationale: "Direct internet ingress to load balancers bypasses the web ACL and TLS policy at the edge.",
            remediation: "List only cloudfront in the public tier's allowFrom.", cis: ["5.2"], hipaa: [accessControl]),
        .init(
            "PL-NET-002", .high, .spec, "The public tier opens HTTPS (443) only",
            rationale: "Any other port at the public tier carries traffic outside the TLS policy.",
            remediation: "List only 443 in the public tier's ports.", hipaa: [transmission]),
        .init(
            "PL-NET-003", .critical, .spec, "The data tier is reachable from the application tier only",
            rationale: "Databases hold PHI; only the application should reach them.",
            remediation: "List only private in the isolated tier's allowFrom.", hipaa: [accessControl]),
        .init(
            "PL-NET-004", .high, .spec, "The application tier is not reachable from the internet or the edge directly",
            rationale: "Application instances sit behind the load balancers.",
            remediation: "Remove internet and cloudfront from the private tier's allowFrom.", cis: ["5.2"], hipaa: [accessControl]),
        .init(
            "PL-NET-005", .medium, .spec, "VPCs reach KMS, Secrets Manager, STS and CloudWatch Logs privately",
            rationale: "Key, secret and audit traffic stays off the internet through interface endpoints.",
            remediation: "Add kms, secretsmanager, sts and logs to network.interfaceEndpoints.", hipaa: [transmission]),
        .init(
            "PL-DB-001", .high, .spec, "Production keeps database backups at least 7 days",
            rationale: "Restoring PHI after corruption needs a week of recovery points.",
            remediation: "Set the production environment's database.backupRetentionDays to 7 or more.", hipaa: [backup]),
        .init(
            "PL-DB-003", .high, .spec, "Production recovers within an hour of lost data",
            rationale: "Disaster recovery of PHI must not lose more than an hour of records.",
            remediation: "Set disasterRecovery.rpoMinutes to 60 or fewer.", hipaa: [disasterRecovery]),
        .init(
            "PL-LOG-001", .high, .spec, "Production keeps logs at least a year",
            rationale: "Audit controls need a year of activity records at hand.",
            remediation: "Set observability.logRetentionDays for production to 365 or more.", hipaa: [audit]),
        .init(
            "PL-LOG-002", .medium, .spec, "The central log store keeps at least 90 days",
            rationale: "Investigations search the last quarter in OpenSearch.",
            remediation: "Set observability.logPipeline.openSearchRetentionDays to 90 or more.", hipaa: [activityReview]),
        .init(
            "PL-SEC-001", .high, .spec, "Secrets of PHI environments rotate within 90 days",
            rationale: "Credentials that reach PHI must not stay valid longer than a quarter.",
            remediation: "Set rotation.scheduleDays to 90 or fewer for secrets of production and of environments mirroring it.",
            cis: ["1.14"], hipaa: [authentication]),
        .init(
            "PL-ORG-001", .high, .spec, "Every OU is covered by the deny-leave-organization SCP",
            rationale: "An account that leaves the organization leaves every guardrail.",
            remediation: "Attach a deny-leave-organization policy to the OU or an ancestor.", hipaa: [accessControl]),
        .init(
            "PL-ORG-002", .critical, .spec, "Every OU is covered by the deny-root-user SCP",
            rationale: "Root users bypass identity federation and MFA policy.",
            remediation: "Attach a deny-root-user policy to the OU or an ancestor.", cis: ["1.7"], hipaa: [accessControl]),
        .init(
            "PL-ORG-003", .high, .spec, "Every OU is covered by the region SCP",
            rationale: "PHI stays in the declared regions.",
            remediation: "Attach a deny-regions-outside-allowed policy to the OU or an ancestor.", hipaa: [accessControl]),
        .init(
            "PL-ORG-004", .critical, .spec, "Every OU is covered by the IAM-user SCP",
            rationale: "Long-lived IAM credentials are the commonest cause of cloud breaches.",
            remediation: "Attach a deny-iam-users-and-access-keys policy to the OU or an ancestor.", cis: ["1.22"],
            hipaa: [authentication]),
        .init(
            "PL-ORG-005", .high, .spec, "Every OU is covered by the security-services SCP",
            rationale: "Member accounts must not be able to stop CloudTrail, Config or GuardDuty.",
            remediation: "Attach a deny-security-service-changes policy to the OU or an ancestor.", hipaa: [audit]),
        .init(
            "PL-ORG-006", .high, .spec, "OUs holding workload or shared accounts require IMDSv2 by SCP",
            rationale: "IMDSv1 lets a request forgery read instance credentials.",
            remediation: "Attach a require-imdsv2 policy to every OU with environment or shared-services accounts.", cis: ["5.6"],
            hipaa: [accessControl]),
        .init(
            "PL-IAM-001", .critical, .spec, "Deploy roles trust named branches or environments only",
            rationale: "A wildcard branch lets any pushed branch deploy to the account.",
            remediation: "Name branches or GitHub environments in pipelines.deployRoles[]; no bare wildcard.",
            hipaa: [accessControl, authentication]),
        .init(
            "PL-IAM-004", .critical, .spec, "AdministratorAccess only where guardrails.administratorAccess names it",
            rationale: "Full administration must be a visible, reviewed exception.",
            remediation: "Grant a narrower policy, or add the principal to guardrails.administratorAccess with a reason.", cis: ["1.16"],
            hipaa: [accessManagement]),
        .init(
            "PL-IAM-006", .high, .spec, "Administrator sessions last at most two hours",
            rationale: "Short privileged sessions limit what a stolen session can do.",
            remediation: "Set sessionHours to 2 or fewer on permission sets with AdministratorAccess.", hipaa: [accessControl]),
        .init(
            "PL-IAM-007", .high, .spec, "PHI accounts get no write access outside named exceptions",
            rationale: "Developers read production; they do not change it by hand.",
            remediation: "Assign read-only permission sets to production accounts, or name the exception.", hipaa: [accessManagement]),
        .init(
            "PL-TAG-001", .medium, .spec, "Resources carry a data classification",
            rationale: "Inventory and access reviews start from which resources hold PHI.",
            remediation: "Set platform.tags.DataClassification to phi, confidential, internal or public.", hipaa: [accessManagement]),
        .init(
            "PL-PIPE-001", .high, .spec, "Pipelines gate on IaC policy",
            rationale: "`plinth check --plans` must stand between a plan and an apply.",
            remediation: "Add iac-policy to pipelines.securityGates.", hipaa: [integrity]),
        .init(
            "PL-PIPE-002", .high, .spec, "Pipelines scan for committed secrets",
            rationale: "A secret in a repository is a secret exposed.",
            remediation: "Add secret-scanning to pipelines.securityGates.", hipaa: [authentication]),
        .init(
            "PL-PIPE-003", .high, .spec, "The repository that deploys needs two reviews and code owners",
            rationale: "A deploy repository is an administrator; changes need two people.",
            remediation: "Set requiredReviews to 2 or more and requireCodeOwnerReviews on repositories named by deploy roles.",
            hipaa: [integrity]),
    ]

    static let stackRules: [GuardrailRule] = [
        .init(
            "PL-STK-001", .high, .stack, "The state backend enforces TLS",
            rationale: "State holds every resource's attributes; it must never travel in clear text.",
            remediation: "Render the state-backend stack with enforce_tls_policy = true.", cis: ["2.1.1"], hipaa: [transmission]),
        .init(
            "PL-STK-002", .high, .stack, "Production workload stacks keep the database protected",
            rationale: "The rendered stack must carry what the spec promised: multi-AZ, deletion protection and a final snapshot.",
            remediation: "Render workload stacks of production with multi_az, db_deletion_protection and without db_skip_final_snapshot.",
            hipaa: [integrity, backup]),
    ]

    static let planRules: [GuardrailRule] = [
        .init(
            "PL-S3-001", .high, .plan, "S3 buckets are encrypted with a customer key",
            rationale: "SSE-KMS with a customer key puts access to PHI objects under a key policy.",
            remediation: "Use sse_algorithm aws:kms with kms_master_key_id.", hipaa: [encryption]),
        .init(
            "PL-S3-002", .critical, .plan, "S3 buckets block public access",
            rationale: "A public bucket publishes PHI.",
            remediation: "Add aws_s3_bucket_public_access_block with all four settings true.", cis: ["2.1.4"], hipaa: [accessControl]),
        .init(
            "PL-S3-003", .high, .plan, "S3 bucket policies deny requests without TLS",
            rationale: "Objects must not travel in clear text.",
            remediation: "Deny s3:* when aws:SecureTransport is false.", cis: ["2.1.1"], hipaa: [transmission]),
        .init(
            "PL-S3-004", .medium, .plan, "S3 buckets keep versions",
            rationale: "Versions protect objects against overwrite and deletion.",
            remediation: "Add aws_s3_bucket_versioning with status Enabled.", hipaa: [integrity]),
        .init(
            "PL-RDS-001", .critical, .plan, "Databases are encrypted with a customer key",
            rationale: "Database storage holds PHI.", remediation: "Set storage_encrypted and kms_key_id.", cis: ["2.3.1"],
            hipaa: [encryption]),
        .init(
            "PL-RDS-002", .high, .plan, "Production databases are multi-AZ",
            rationale: "A single AZ failure must not take PHI offline.", remediation: "Set multi_az = true.", hipaa: [disasterRecovery]),
        .init(
            "PL-RDS-003", .high, .plan, "Production databases are deletion-protected",
            rationale: "A stray destroy must not remove PHI.", remediation: "Set deletion_protection = true.", hipaa: [integrity]),
        .init(
            "PL-RDS-004", .high, .plan, "Databases keep backups as long as the spec says",
            rationale: "The plan must keep the recovery points the spec promises.",
            remediation: "Set backup_retention_period to database.backupRetentionDays.", hipaa: [backup]),
        .init(
            "PL-RDS-005", .critical, .plan, "Databases are not publicly accessible",
            rationale: "A public endpoint exposes PHI to the internet.", remediation: "Set publicly_accessible = false.", cis: ["2.3.3"],
            hipaa: [accessControl]),
        .init(
            "PL-RDS-006", .high, .plan, "Production backups are replicated to the DR region",
            rationale: "A regional disaster must not take the backups with it.",
            remediation: "Add aws_db_instance_automated_backups_replication for the production database.", hipaa: [disasterRecovery]),
        .init(
            "PL-LOG-003", .high, .plan, "Log groups are encrypted with a customer key",
            rationale: "Logs carry identifiers and request data.", remediation: "Set kms_key_id on aws_cloudwatch_log_group.",
            hipaa: [encryption]),
        .init(
            "PL-LOG-004", .high, .plan, "Log groups keep logs at least as long as the spec says",
            rationale: "Audit records must outlive the retention the spec promises.",
            remediation: "Set retention_in_days to observability.logRetentionDays of the environment or more.", hipaa: [audit]),
        .init(
            "PL-SNS-001", .medium, .plan, "SNS topics are encrypted with a customer key",
            rationale: "Alert payloads can carry identifiers.", remediation: "Set kms_master_key_id.", hipaa: [encryption]),
        .init(
            "PL-SM-001", .high, .plan, "Secrets are encrypted with a customer key",
            rationale: "The environment key's policy decides who can read secrets.", remediation: "Set kms_key_id on the secret.",
            hipaa: [encryption]),
        .init(
            "PL-SM-002", .high, .plan, "Secrets of PHI environments rotate within 90 days",
            rationale: "The plan must rotate credentials as often as the spec says.",
            remediation: "Set rotation_rules.automatically_after_days to 90 or fewer.", cis: ["1.14"], hipaa: [authentication]),
        .init(
            "PL-OS-001", .high, .plan, "OpenSearch is encrypted at rest with a customer key",
            rationale: "The log store indexes PHI-bearing logs.", remediation: "Enable encrypt_at_rest with kms_key_id.",
            hipaa: [encryption]),
        .init(
            "PL-OS-002", .high, .plan, "OpenSearch enforces HTTPS with TLS 1.2 and node-to-node encryption",
            rationale: "Log searches and replication must not travel in clear text.",
            remediation: "Set enforce_https, a Policy-Min-TLS-1-2 policy and node_to_node_encryption.", hipaa: [transmission]),
        .init(
            "PL-FH-001", .high, .plan, "Firehose streams are encrypted with a customer key",
            rationale: "Logs wait in Firehose buffers.", remediation: "Enable server_side_encryption with key_type CUSTOMER_MANAGED_CMK.",
            hipaa: [encryption]),
        .init(
            "PL-KMS-002", .high, .plan, "KMS keys have rotation on", rationale: "Rotation limits what one key version protects.",
            remediation: "Set enable_key_rotation = true.", cis: ["3.6"], hipaa: [encryption]),
        .init(
            "PL-CF-001", .high, .plan, "CloudFront viewers use TLS 1.2 or newer",
            rationale: "The edge is where PHI enters.",
            remediation: "Set viewer_certificate.minimum_protocol_version to TLSv1.2_2021.", hipaa: [transmission]),
        .init(
            "PL-CF-002", .high, .plan, "CloudFront redirects or refuses plain HTTP",
            rationale: "allow-all serves PHI over HTTP.", remediation: "Set viewer_protocol_policy to redirect-to-https or https-only.",
            hipaa: [transmission]),
        .init(
            "PL-ALB-001", .high, .plan, "Load balancer listeners use TLS 1.2 or newer",
            rationale: "Traffic between CloudFront and the origin carries PHI.",
            remediation: "Listen on HTTPS with an ELBSecurityPolicy-TLS13-1-2 or TLS-1-2 policy; plain HTTP only redirects.",
            hipaa: [transmission]),
        .init(
            "PL-SG-001", .critical, .plan, "No ingress from 0.0.0.0/0 or ::/0",
            rationale: "The public tier accepts CloudFront's prefix list only; nothing is open to the internet.",
            remediation: "Use the CloudFront prefix list or a security group as the source.", cis: ["5.2", "5.3"], hipaa: [accessControl]),
        .init(
            "PL-SG-002", .critical, .plan, "Database ports accept the application tier's security group only",
            rationale: "The data tier must not be reachable from address ranges.",
            remediation: "Allow 5432 from the application security group, not from CIDR blocks.", hipaa: [accessControl]),
        .init(
            "PL-EC2-001", .high, .plan, "Instances require IMDSv2",
            rationale: "IMDSv1 lets a request forgery read instance credentials.",
            remediation: "Set metadata_options.http_tokens = required.", cis: ["5.6"], hipaa: [accessControl]),
        .init(
            "PL-VPC-001", .high, .plan, "Every VPC has flow logs", rationale: "Network activity is part of the audit trail.",
            remediation: "Add aws_flow_log for the VPC.", cis: ["3.7"], hipaa: [audit]),
        .init(
            "PL-NET-006", .high, .plan, "No VPC or subnet overlaps a reserved corporate range",
            rationale: "Overlaps break corporate routing and can leak traffic to the wrong network.",
            remediation: "Move the range out of network.addressPlan.reserved.", hipaa: [transmission]),
        .init(
            "PL-IAM-101", .critical, .plan, "No IAM users or access keys",
            rationale: "Humans use Identity Center, machines use roles.",
            remediation: "Remove aws_iam_user, aws_iam_access_key and aws_iam_user_login_profile.", cis: ["1.4", "1.22"],
            hipaa: [authentication]),
        .init(
            "PL-IAM-102", .critical, .plan, "AdministratorAccess only for named exceptions",
            rationale: "Full administration must be a visible, reviewed exception.",
            remediation: "Attach a narrower policy, or name the principal in guardrails.administratorAccess.", cis: ["1.16"],
            hipaa: [accessManagement]),
        .init(
            "PL-IAM-103", .critical, .plan, "OIDC trust names the repository and its branches or environments",
            rationale: "A wildcard subject lets any repository or branch assume the deploy role.",
            remediation: "Trust repo:<org>/<repo>:ref:refs/heads/<branch> or repo:<org>/<repo>:environment:<name> only.",
            hipaa: [accessControl, authentication]),
        .init(
            "PL-TAG-101", .medium, .plan, "Every tagged resource carries DataClassification",
            rationale: "Inventory and access reviews start from which resources hold PHI.",
            remediation: "Keep DataClassification in the provider's default_tags.", hipaa: [accessManagement]),
    ]

    static let platformRules: [GuardrailRule] = [
        .init(
            "PL-AUD-001", .critical, .platform, "An organization CloudTrail records every account and region",
            rationale: "Without the trail there is no record of who did what.",
            remediation: "Render the audit baseline: an organization, multi-region aws_cloudtrail.", cis: ["3.1", "3.5"], hipaa: [audit]),
        .init(
            "PL-AUD-002", .high, .platform, "AWS Config records every account and region",
            rationale: "Configuration history is evidence of what each resource looked like when.",
            remediation: "Render aws_config_configuration_recorder in every account and region.", cis: ["3.3"], hipaa: [audit]),
        .init(
            "PL-AUD-003", .high, .platform, "GuardDuty runs organization-wide",
            rationale: "Threat detection covers every account only when the organization enables it.",
            remediation: "Render aws_guardduty_detector with aws_guardduty_organization_configuration (audit as administrator).",
            hipaa: [activityReview]),
        .init(
            "PL-AUD-004", .high, .platform, "Security Hub runs organization-wide",
            rationale: "CIS and AWS best-practice findings need one place to be reviewed.",
            remediation: "Render aws_securityhub_account with aws_securityhub_organization_configuration.", cis: ["4.16"],
            hipaa: [activityReview]),
    ]

    /// Rules by id; the first of a duplicated id (a test catches duplicates).
    public static let byID: [String: GuardrailRule] = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
