/// The whole platform, as `platform.yaml` describes it. Every stack, pipeline and policy Plinth
/// produces is derived from one value of this type.
public struct PlatformSpec: SpecObject {
    public var apiVersion: APIVersion = .v1
    public var platform = PlatformInfo()
    public var regions = RegionsSpec()
    public var organization = OrganizationSpec()
    public var environments: [EnvironmentSpec] = []
    public var network = NetworkSpec()
    public var dns = DNSSpec()
    public var secrets = SecretsSpec()
    public var observability = ObservabilitySpec()
    public var terraformState = TerraformStateSpec()
    public var identity = IdentitySpec()
    public var pipelines = PipelinesSpec()
    public var blockers: [BlockerSpec] = []
    public var guardrails = GuardrailsSpec()

    public init() {}

    public static let documentation = "Plinth platform specification: the one typed description of the whole platform."
    public static var fields: [SpecField<PlatformSpec>] {
        [
            .required("apiVersion", \.apiVersion, "Version of this file's format."),
            .required("platform", \.platform, "Who the platform belongs to and how its resources are named and tagged."),
            .required("regions", \.regions, "The primary region and the disaster-recovery region."),
            .required(
                "organization", \.organization, "AWS Organizations: the management account, OUs, accounts and service control policies."),
            .required("environments", \.environments, "dev, staging and prod, each in its own account."),
            .required("network", \.network, "Address plan, hub-and-spoke VPCs, endpoints, edge and corporate connectivity."),
            .required("dns", \.dns, "Route 53 zones and ACM certificates."),
            .required(
                "secrets", \.secrets, "KMS keys, Secrets Manager secrets and Parameter Store parameters: references only, never values."),
            .required("observability", \.observability, "Logs, metrics, traces and alert routing."),
            .required("terraformState", \.terraformState, "Where Terraform keeps state and locks."),
            .required(
                "identity", \.identity, "Workforce access (Okta to IAM Identity Center), customer identity (Auth0) and application roles."),
            .required("pipelines", \.pipelines, "GitHub repositories, branch protection and deploy roles."),
            .required("blockers", \.blockers, "Procurement items that gate parts of the platform."),
            .defaulted(
                "guardrails", \.guardrails, default: [:], "Administrator exceptions and waivers for the guardrails `plinth check` enforces."
            ),
        ]
    }

    public func environment(named name: Name) -> EnvironmentSpec? { environments.first { $0.name == name } }
    public func account(named name: Name) -> AccountSpec? { organization.allAccounts.first { $0.name == name } }
}

public enum APIVersion: String, SpecEnum {
    case v1 = "plinth/v1"
}

public struct PlatformInfo: SpecObject {
    public var name: Name = ""
    public var displayName = ""
    public var owner = ""
    public var domain = ""
    public var tags: [String: String] = [:]

    public init() {}
    public static let documentation = "Identity of the platform: its short name prefixes resource names."
    public static var fields: [SpecField<PlatformInfo>] {
        [
            .required("name", \.name, "Short name, used as the prefix of resource names."),
            .required("displayName", \.displayName, "Name people read."),
            .required("owner", \.owner, "Team that owns the platform; becomes the Owner tag."),
            .required("domain", \.domain, "Apex DNS domain of the product."),
            .defaulted("tags", \.tags, default: [:], "Tags applied to every resource, in addition to those Plinth derives."),
        ]
    }
}

public struct RegionsSpec: SpecObject {
    public var primary: Region = "us-east-1"
    public var disasterRecovery: Region = "us-west-2"

    public init() {}
    public static let documentation = "Regions the platform runs in; service control policies deny all others."
    public static var fields: [SpecField<RegionsSpec>] {
        [
            .required("primary", \.primary, "Region that serves traffic."),
            .required("disasterRecovery", \.disasterRecovery, "Region that receives replicas and takes over in a disaster."),
        ]
    }

    public var all: [Region] { [primary, disasterRecovery] }
}
