/// A procurement task from the design that keeps part of the platform switched off.
public struct BlockerSpec: SpecObject {
    public var id: Name = ""
    public var title = ""
    public var status: BlockerStatus = .open
    public var owner = ""
    public var gates: [GatedCapability] = []

    public init() {}
    public static let documentation = "A procurement blocker and what it gates."
    public static var fields: [SpecField<BlockerSpec>] {
        [
            .required("id", \.id, "Blocker id, referenced by blockedBy."),
            .required("title", \.title, "What has to be procured or arranged."),
            .required("status", \.status, "Where it stands."),
            .required("owner", \.owner, "Who drives it."),
            .required("gates", \.gates, "Parts of the platform that stay off until it is resolved."),
        ]
    }
}

public enum BlockerStatus: String, SpecEnum {
    case open, inProgress = "in-progress", resolved
}

/// The parts of the platform a blocker can hold back; each names where it is switched on.
public enum GatedCapability: String, SpecEnum, Comparable {
    case controlTower = "organization.controlTower"
    case scimProvisioning = "identity.workforce.scimProvisioning"
    case customerIdentity = "identity.customer"
    case pagerDutyRouting = "observability.alertRoutes.pagerduty"
    case managedPrometheus = "observability.prometheus"
    case managedGrafana = "observability.grafana"
    case vpn = "network.vpn"
    case directConnect = "network.directConnect"

    public static func < (lhs: GatedCapability, rhs: GatedCapability) -> Bool { lhs.rawValue < rhs.rawValue }
}
