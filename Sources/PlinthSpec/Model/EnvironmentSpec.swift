public struct EnvironmentSpec: SpecObject {
    public var name: Name = ""
    public var account: Name = ""
    public var tier: EnvironmentTier = .development
    public var regions: [Region] = []
    public var availabilityZones = 2
    public var compute = ComputeSpec()
    public var database = DatabaseSpec()
    public var previews: PreviewSpec?
    public var mirrors: Name?
    public var allowedDifferences: [SizeKnob] = []
    public var disasterRecovery: DisasterRecoverySpec?
    public var deployApproval: DeployApproval = .automatic

    public init() {}
    public static let documentation = "A deployment environment in its own account."
    public static var fields: [SpecField<EnvironmentSpec>] {
        [
            .required("name", \.name, "Environment name: dev, staging or prod."),
            .required("account", \.account, "Account the environment runs in."),
            .required("tier", \.tier, "Kind of environment; decides defaults and guardrails."),
            .required("regions", \.regions, "Regions with a spoke VPC; the first is where traffic is served."),
            .required("availabilityZones", \.availabilityZones, "AZs per region; prod needs 3, staging at least 2."),
            .required("compute", \.compute, "Application tier sizing."),
            .required("database", \.database, "Managed PostgreSQL."),
            .optional("previews", \.previews, "Per-branch preview environments (dev only)."),
            .optional("mirrors", \.mirrors, "Environment this one mirrors; only the knobs in allowedDifferences may differ."),
            .defaulted(
                "allowedDifferences", \.allowedDifferences, default: [],
                "Size and count knobs allowed to differ from the mirrored environment."),
            .optional("disasterRecovery", \.disasterRecovery, "Cross-region recovery objectives (prod)."),
            .defaulted("deployApproval", \.deployApproval, default: "automatic", "Whether deploys wait for a person."),
        ]
    }
}

public enum EnvironmentTier: String, SpecEnum {
    case development, staging, production
}

public enum DeployApproval: String, SpecEnum {
    case automatic
    case manual
}

public struct ComputeSpec: SpecObject, Equatable {
    public var instanceType = ""
    public var minSize = 1
    public var maxSize = 1
    public var desiredCapacity = 1
    public var spot = false

    public init() {}
    public static let documentation = "Autoscaling group of application instances."
    public static var fields: [SpecField<ComputeSpec>] {
        [
            .required("instanceType", \.instanceType, "EC2 instance type."),
            .required("minSize", \.minSize, "Autoscaling lower bound."),
            .required("maxSize", \.maxSize, "Autoscaling upper bound."),
            .required("desiredCapacity", \.desiredCapacity, "Instances at rest."),
            .defaulted("spot", \.spot, default: false, "Run on spot capacity."),
        ]
    }
}

public struct DatabaseSpec: SpecObject, Equatable {
    public var engineVersion = ""
    public var instanceClass = ""
    public var allocatedStorageGb = 20
    public var maxAllocatedStorageGb = 100
    public var multiAz = false
    public var backupRetentionDays = 7
    public var deletionProtection = true

    public init() {}
    public static let documentation = "Amazon RDS for PostgreSQL; the master secret is managed by RDS."
    public static var fields: [SpecField<DatabaseSpec>] {
        [
            .required("engineVersion", \.engineVersion, "PostgreSQL major.minor version."),
            .required("instanceClass", \.instanceClass, "RDS instance class."),
            .required("allocatedStorageGb", \.allocatedStorageGb, "Initial storage."),
            .required("maxAllocatedStorageGb", \.maxAllocatedStorageGb, "Storage autoscaling ceiling."),
            .required("multiAz", \.multiAz, "Synchronous standby in a second AZ."),
            .required("backupRetentionDays", \.backupRetentionDays, "Automated backup retention (1 to 35 days)."),
            .required("deletionProtection", \.deletionProtection, "Refuse deletion of the instance."),
        ]
    }
}

public struct PreviewSpec: SpecObject {
    public var enabled = true
    public var ttlHours = 72
    public var maxTtlHours = 168
    public var maxConcurrent = 20
    public var prefixLength = 22
    public var instanceType = ""
    public var spot = true

    public init() {}
    public static let documentation = "Ephemeral per-branch environments carved from the preview address pool."
    public static var fields: [SpecField<PreviewSpec>] {
        [
            .required("enabled", \.enabled, "Whether branches get previews."),
            .required("ttlHours", \.ttlHours, "A preview is destroyed this many hours after its last push."),
            .defaulted(
                "maxTtlHours", \.maxTtlHours, default: 168,
                "Longest life `plinth preview extend` may give a preview, in hours from now; at least ttlHours."),
            .required("maxConcurrent", \.maxConcurrent, "Most previews alive at once; must fit the preview pool."),
            .required("prefixLength", \.prefixLength, "Size of each preview's VPC, carved from the preview pool."),
            .required("instanceType", \.instanceType, "Small instance class for previews."),
            .defaulted("spot", \.spot, default: true, "Run previews on spot capacity."),
        ]
    }
}

public struct DisasterRecoverySpec: SpecObject {
    public var region: Region = "us-west-2"
    public var strategy: DRStrategy = .warmStandby
    public var rpoMinutes = 15
    public var rtoMinutes = 60
    public var databaseReplication: DatabaseReplication = .crossRegionBackups

    public init() {}
    public static let documentation = "How the environment recovers in the DR region."
    public static var fields: [SpecField<DisasterRecoverySpec>] {
        [
            .required("region", \.region, "Region that takes over; must be regions.disasterRecovery."),
            .required("strategy", \.strategy, "Recovery strategy."),
            .required("rpoMinutes", \.rpoMinutes, "Most data loss tolerated, in minutes."),
            .required("rtoMinutes", \.rtoMinutes, "Longest outage tolerated, in minutes."),
            .required("databaseReplication", \.databaseReplication, "How the database reaches the DR region."),
        ]
    }
}

public enum DRStrategy: String, SpecEnum {
    case backupRestore = "backup-restore"
    case pilotLight = "pilot-light"
    case warmStandby = "warm-standby"
}

public enum DatabaseReplication: String, SpecEnum {
    case crossRegionBackups = "cross-region-backups"
    case crossRegionReadReplica = "cross-region-read-replica"
}

/// Knobs a mirroring environment may change: sizes and counts only, never behaviour.
public enum SizeKnob: String, SpecEnum, Comparable {
    case availabilityZones
    case computeInstanceType = "compute.instanceType"
    case computeMinSize = "compute.minSize"
    case computeMaxSize = "compute.maxSize"
    case computeDesiredCapacity = "compute.desiredCapacity"
    case databaseInstanceClass = "database.instanceClass"
    case databaseAllocatedStorageGb = "database.allocatedStorageGb"
    case databaseMaxAllocatedStorageGb = "database.maxAllocatedStorageGb"
    public static let documentation: String? = "A size or count that may differ from the mirrored environment."
    public static func < (lhs: SizeKnob, rhs: SizeKnob) -> Bool { lhs.rawValue < rhs.rawValue }
}
