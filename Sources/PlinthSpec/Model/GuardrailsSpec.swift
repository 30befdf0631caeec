/// What `plinth check` needs to know from the spec beyond the platform itself: the exceptions the
/// platform owner has granted on purpose. Keeping them in the spec puts every exception under review.
public struct GuardrailsSpec: SpecObject {
    public var administratorAccess: [AdministratorException] = []
    public var waivers: [WaiverSpec] = []

    public init() {}
    public static let documentation =
        "Exceptions to the guardrails `plinth check` enforces: who may hold administrator access, and waivers."
    public static var fields: [SpecField<GuardrailsSpec>] {
        [
            .defaulted(
                "administratorAccess", \.administratorAccess, default: [],
                "Principals allowed to hold AdministratorAccess; every other administrator policy is a finding."),
            .defaulted("waivers", \.waivers, default: [], "Findings accepted for a time, each with a reason, an owner and an expiry date."),
        ]
    }
}

/// A principal named as allowed to hold administrator policies: `permission-set/<name>` or `role/<name>`.
public struct AdministratorException: SpecObject {
    public var principal = ""
    public var reason = ""

    public init() {}
    public static let documentation = "A principal allowed to hold AdministratorAccess, and why."
    public static var fields: [SpecField<AdministratorException>] {
        [
            .required("principal", \.principal, "permission-set/<name> (Identity Center) or role/<name> (IAM role name prefix)."),
            .required("reason", \.reason, "Why this principal needs administrator access."),
        ]
    }
}

/// An accepted finding: a rule, where it applies, and until when. Waivers expire so that an
/// exception granted once is looked at again.
public struct WaiverSpec: SpecObject {
    public var rule = ""
    public var scope = ""
    public var reason = ""
    public var owner = ""
    public var expires = ""

    public init() {}
    public static let documentation = "A finding accepted until a date."
    public static var fields: [SpecField<WaiverSpec>] {
        [
            .required("rule", \.rule, "Rule id, such as PL-S3-001."),
            .required(
                "scope", \.scope,
                "What it covers: a spec key path, a stack id, or <stack>:<resource address>; * matches any run of characters."),
            .required("reason", \.reason, "Why the finding is accepted."),
            .required("owner", \.owner, "Who answers for the waiver."),
            .required("expires", \.expires, "Last day the waiver applies (YYYY-MM-DD); after it the check fails."),
        ]
    }
}
