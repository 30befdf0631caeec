import PlinthSpec

extension SpecValidator {
    mutating func checkEnvironments() {
        for (index, env) in spec.environments.enumerated() {
            let path = SpecPath.root + "environments" + index
            reference(env.account.rawValue, at: path + "account", to: "account", among: accountNames)
            if env.regions.isEmpty { error("empty-list", path + "regions", "environment '\(env.name)' has no region") }
            for (offset, region) in env.regions.enumerated() {
                reference(region.rawValue, at: path + "regions" + offset, to: "platform region", among: regionNames)
            }
            if let first = env.regions.first, first != spec.regions.primary {
                error(
                    "primary-region", path + "regions" + 0,
                    "environment '\(env.name)' must serve from the primary region \(spec.regions.primary) first")
            }
            switch env.tier {
            case .production where env.availabilityZones != 3:
                error(
                    "availability-zones", path + "availabilityZones",
                    "production runs in exactly 3 availability zones, not \(env.availabilityZones)")
            case .staging where env.availabilityZones < 2:
                error(
                    "availability-zones", path + "availabilityZones",
                    "staging needs at least 2 availability zones, not \(env.availabilityZones)")
            default:
                if !(1...6).contains(env.availabilityZones) {
                    error(
                        "availability-zones", path + "availabilityZones", "availabilityZones must be 1 to 6, not \(env.availabilityZones)")
                }
            }
            let compute = env.compute
            if !(compute.minSize <= compute.desiredCapacity && compute.desiredCapacity <= compute.maxSize) || compute.minSize < 0 {
                error(
                    "autoscaling-bounds", path + "compute",
                    "autoscaling bounds must satisfy 0 <= minSize <= desiredCapacity <= maxSize (got \(compute.minSize) <= \(compute.desiredCapacity) <= \(compute.maxSize))"
                )
            }
            if env.tier == .production {
                if compute.minSize < env.availabilityZones {
                    error(
                        "autoscaling-bounds", path + "compute" + "minSize",
                        "production keeps at least one instance per AZ: minSize \(compute.minSize) < \(env.availabilityZones)")
                }
                if compute.spot { error("production-spot", path + "compute" + "spot", "production does not run on spot capacity") }
                if !env.database.multiAz {
                    error("production-multi-az", path + "database" + "multiAz", "the production database must be multi-AZ")
                }
                if !env.database.deletionProtection {
                    error(
                        "production-deletion-protection", path + "database" + "deletionProtection",
                        "the production database must have deletion protection")
                }
                if env.disasterRecovery == nil {
                    error("missing-key", path + "disasterRecovery", "production must declare disasterRecovery")
                }
                if env.deployApproval != .manual {
                    error("production-approval", path + "deployApproval", "production deploys require manual approval")
                }
            }
            if compute.instanceType.isEmpty { error("empty-value", path + "compute" + "instanceType", "instanceType is empty") }
            if !(1...35).contains(env.database.backupRetentionDays) {
                error(
                    "out-of-range", path + "database" + "backupRetentionDays",
                    "backupRetentionDays must be 1 to 35, not \(env.database.backupRetentionDays)")
            }
            if env.database.allocatedStorageGb > env.database.maxAllocatedStorageGb || env.database.allocatedStorageGb < 20 {
                error(
                    "out-of-range", path + "database" + "allocatedStorageGb",
                    "allocatedStorageGb must be at least 20 and at most maxAllocatedStorageGb (\(env.database.maxAllocatedStorageGb))")
            }
            if let dr = env.disasterRecovery {
                if dr.region != spec.regions.disasterRecovery {
                    error(
                        "dr-region", path + "disasterRecovery" + "region",
                        "disaster recovery goes to \(spec.regions.disasterRecovery), the platform's DR region, not \(dr.region)")
                }
                if !env.regions.contains(dr.region) {
                    error("dr-region", path + "regions", "environment '\(env.name)' recovers to \(dr.region) but has no spoke region there")
                }
                if dr.rpoMinutes <= 0 || dr.rtoMinutes <= 0 || dr.rpoMinutes > dr.rtoMinutes * 24 {
                    error("out-of-range", path + "disasterRecovery", "rpoMinutes and rtoMinutes must be positive")
                }
            }
            if let previews = env.previews {
                if env.tier != .development {
                    error("previews-tier", path + "previews", "preview environments belong to the development tier only")
                }
                if !(1...720).contains(previews.ttlHours) {
                    error("out-of-range", path + "previews" + "ttlHours", "ttlHours must be 1 to 720")
                }
                if !(previews.ttlHours...720).contains(previews.maxTtlHours) {
                    error(
                        "out-of-range", path + "previews" + "maxTtlHours",
                        "maxTtlHours must be at least ttlHours (\(previews.ttlHours)) and at most 720, not \(previews.maxTtlHours)")
                }
                if !(16...28).contains(previews.prefixLength) {
                    error("out-of-range", path + "previews" + "prefixLength", "prefixLength must be 16 to 28")
                }
                let pool = spec.network.addressPlan.previewPool.cidr
                if (16...28).contains(previews.prefixLength), previews.prefixLength >= pool.length {
                    let capacity = 1 << (previews.prefixLength - pool.length)
                    if previews.maxConcurrent > capacity {
                        error(
                            "preview-pool-capacity", path + "previews" + "maxConcurrent",
                            "\(previews.maxConcurrent) previews of /\(previews.prefixLength) do not fit the preview pool \(pool) (room for \(capacity))"
                        )
                    }
                } else if (16...28).contains(previews.prefixLength) {
                    error(
                        "preview-pool-capacity", path + "previews" + "prefixLength",
                        "a /\(previews.prefixLength) preview VPC is larger than the preview pool \(pool)")
                }
            }
            if env.mirrors == nil && !env.allowedDifferences.isEmpty {
                error("unexpected-field", path + "allowedDifferences", "allowedDifferences needs 'mirrors'")
            }
        }
        if !spec.environments.contains(where: { $0.tier == .production }) {
            error("missing-environment", .root + "environments", "no environment of tier 'production'")
        }
    }

    /// A mirroring environment may differ from its original only in the knobs it declares.
    mutating func checkMirrors() {
        for (index, env) in spec.environments.enumerated() {
            guard let target = env.mirrors else {
                if env.tier == .staging {
                    error(
                        "missing-key", .root + "environments" + index + "mirrors",
                        "staging must mirror production ('mirrors: <prod environment>')")
                }
                continue
            }
            let path = SpecPath.root + "environments" + index
            guard let original = environmentsByName[target] else {
                reference(target.rawValue, at: path + "mirrors", to: "environment", among: environmentNames)
                continue
            }
            if original.name == env.name {
                error("mirror-self", path + "mirrors", "an environment cannot mirror itself")
                continue
            }
            let allowed = Set(env.allowedDifferences)
            for difference in EnvironmentComparison.differences(env, original)
            where !allowed.contains(where: { $0.rawValue == difference.key }) {
                error(
                    "mirror-drift", path + difference.pathComponents,
                    "\(env.name) differs from \(original.name) at \(difference.key) (\(difference.mine) vs \(difference.theirs)); only declared size knobs may differ",
                    hint: SizeKnob(rawValue: difference.key) != nil
                        ? "add '\(difference.key)' to allowedDifferences if the difference is intended"
                        : "this is not a size or count: make it equal",
                    related: [
                        .init(
                            path: SpecPath.root + "environments" + (spec.environments.firstIndex { $0.name == original.name } ?? 0)
                                + difference.pathComponents,
                            message: "\(original.name) value")
                    ])
            }
            let actual = Set(EnvironmentComparison.differences(env, original).map(\.key))
            for knob in env.allowedDifferences.sorted() where !actual.contains(knob.rawValue) {
                warning(
                    "mirror-unused-knob", path + "allowedDifferences",
                    "'\(knob.rawValue)' is declared as an allowed difference but equals \(original.name)")
            }
        }
    }
}

/// Compares the settings a mirroring environment shares with its original, so `plinth validate`
/// and `plinth show` agree on what differs.
public enum EnvironmentComparison {
    public struct Difference: Sendable, Equatable {
        /// The setting, spelled like a `SizeKnob` raw value (`compute.minSize`).
        public var key: String
        public var pathComponents: [String]
        public var mine: String
        public var theirs: String
    }

    /// Every comparable setting that differs between two environments, named as `SizeKnob` raw values.
    public static func differences(_ a: EnvironmentSpec, _ b: EnvironmentSpec) -> [Difference] {
        var result: [Difference] = []
        func compare<T: Equatable>(_ key: String, _ x: T, _ y: T) {
            if x != y {
                result.append(
                    Difference(key: key, pathComponents: key.split(separator: ".").map(String.init), mine: "\(x)", theirs: "\(y)"))
            }
        }
        compare("availabilityZones", a.availabilityZones, b.availabilityZones)
        compare("compute.instanceType", a.compute.instanceType, b.compute.instanceType)
        compare("compute.minSize", a.compute.minSize, b.compute.minSize)
        compare("compute.maxSize", a.compute.maxSize, b.compute.maxSize)
        compare("compute.desiredCapacity", a.compute.desiredCapacity, b.compute.desiredCapacity)
        compare("compute.spot", a.compute.spot, b.compute.spot)
        compare("database.engineVersion", a.database.engineVersion, b.database.engineVersion)
        compare("database.instanceClass", a.database.instanceClass, b.database.instanceClass)
        compare("database.allocatedStorageGb", a.database.allocatedStorageGb, b.database.allocatedStorageGb)
        compare("database.maxAllocatedStorageGb", a.database.maxAllocatedStorageGb, b.database.maxAllocatedStorageGb)
        compare("database.multiAz", a.database.multiAz, b.database.multiAz)
        compare("database.backupRetentionDays", a.database.backupRetentionDays, b.database.backupRetentionDays)
        compare("database.deletionProtection", a.database.deletionProtection, b.database.deletionProtection)
        return result
    }
}

extension SpecPath {
    static func + (lhs: SpecPath, rhs: [String]) -> SpecPath { rhs.reduce(lhs) { $0 + $1 } }
}
