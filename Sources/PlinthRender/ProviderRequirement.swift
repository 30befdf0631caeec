/// A provider a rendered stack requires, pinned. AWS is the one with a local mirror; the SaaS
/// providers are fetched from the registry by whoever runs those stacks.
struct ProviderRequirement {
    var name: String
    var source: String
    var version: String

    static let aws = ProviderRequirement(name: "aws", source: "hashicorp/aws", version: "~> 5.100")
    static let github = ProviderRequirement(name: "github", source: "integrations/github", version: "~> 6.9")
    static let okta = ProviderRequirement(name: "okta", source: "okta/okta", version: "~> 4.20")
    static let pagerduty = ProviderRequirement(name: "pagerduty", source: "pagerduty/pagerduty", version: "~> 3.30")
    static let auth0 = ProviderRequirement(name: "auth0", source: "auth0/auth0", version: "~> 1.0")

    static func named(_ name: String) -> ProviderRequirement? {
        [aws, github, okta, pagerduty, auth0].first { $0.name == name }
    }
}
