import PlinthAddressing
import PlinthSpec
import PlinthValidation

/// What `plinth show` prints: the account tree, the address plan, environments and how staging
/// differs from production, and the blockers; as aligned text or as JSON.
public struct PlatformSummary: Sendable {
    public let spec: PlatformSpec

    public init(spec: PlatformSpec) { self.spec = spec }

    public func text() -> String {
        var out: [String] = []
        out.append("\(spec.platform.displayName) (\(spec.platform.name)), owned by \(spec.platform.owner)")
        out.append("Regions: \(spec.regions.primary) primary, \(spec.regions.disasterRecovery) disaster recovery")
        out.append("")
        out.append("Accounts")
        out.append(contentsOf: accountTree().map { "  " + $0 })
        out.append("")
        out.append("Address plan")
        out.append(addressTable().rendered())
        out.append("")
        out.append(contentsOf: supernetUsage().map { "  " + $0 })
        out.append("")
        out.append("Environments")
        out.append(environmentTable().rendered())
        for env in spec.environments {
            guard let target = env.mirrors, let original = spec.environment(named: target) else { continue }
            out.append("")
            out.append("\(env.name) mirrors \(original.name); differences (all declared size knobs):")
            let differences = EnvironmentComparison.differences(env, original)
            if differences.isEmpty {
                out.append("  none")
            } else {
                var table = TextTable(["SETTING", env.name.rawValue.uppercased(), original.name.rawValue.uppercased()])
                for difference in differences { table.add([difference.key, difference.mine, difference.theirs]) }
                out.append(table.rendered())
            }
        }
        out.append("")
        out.append("Blockers")
        var blockers = TextTable(["ID", "STATUS", "OWNER", "GATES"])
        for blocker in spec.blockers {
            blockers.add([
                blocker.id.rawValue, blocker.status.rawValue, blocker.owner, blocker.gates.map(\.rawValue).joined(separator: ", "),
            ])
        }
        out.append(blockers.rendered())
        return out.joined(separator: "\n")
    }

    /// The OU tree with accounts under their OU, drawn with box characters.
    func accountTree() -> [String] {
        let org = spec.organization
        var lines = ["Root"]
        func children(of parent: String?) -> [(label: String, ou: String?)] {
            let accounts = (parent == nil ? [org.managementAccount] : org.accounts.filter { $0.organizationalUnit == parent })
                .map { (label: "\($0.name)  <\($0.email)>", ou: String?.none) }
            let ous = org.organizationalUnits.filter { $0.parent == parent }.map { (label: "\($0.name)/", ou: Optional($0.name)) }
            return accounts + ous
        }
        func walk(_ parent: String?, prefix: String, depth: Int) {
            guard depth < 16 else { return }
            let items = children(of: parent)
            for (offset, item) in items.enumerated() {
                let last = offset == items.count - 1
                lines.append(prefix + (last ? "└─ " : "├─ ") + item.label)
                if let ou = item.ou { walk(ou, prefix: prefix + (last ? "   " : "│  "), depth: depth + 1) }
            }
        }
        walk(nil, prefix: "", depth: 0)
        return lines
    }

    func addressTable() -> TextTable {
        var table = TextTable(["VPC", "KIND", "ACCOUNT", "REGION", "CIDR", "AZS", "PUBLIC", "PRIVATE", "ISOLATED"], rightAligned: [5])
        for hub in spec.network.hubs {
            table.add(row(hub.name, "hub", hub.account, hub.region, hub.vpc))
        }
        for spoke in spec.network.spokes {
            let account = spec.environment(named: spoke.environment)?.account ?? spoke.environment
            table.add(row(spoke.name, "spoke", account, spoke.region, spoke.vpc))
        }
        return table
    }

    private func row(_ name: Name, _ kind: String, _ account: Name, _ region: Region, _ vpc: VPCLayout) -> [String] {
        func sizes(_ subnets: [IPv4Prefix]) -> String {
            Set(subnets.map { "/\($0.length)" }).sorted().joined(separator: ",") + " ×\(subnets.count)"
        }
        return [
            name.rawValue, kind, account.rawValue, region.rawValue, vpc.cidr.description, String(vpc.availabilityZones.count),
            sizes(vpc.subnets.public), sizes(vpc.subnets.private), sizes(vpc.subnets.isolated),
        ]
    }

    func supernetUsage() -> [String] {
        var lines: [String] = []
        for supernet in spec.network.addressPlan.supernets {
            let vpcs = spec.network.allVPCs.filter { $0.region == supernet.region }.map(\.layout.cidr)
            let pool = spec.network.addressPlan.previewPool
            let allocations = vpcs + (pool.region == supernet.region ? [pool.cidr] : [])
            let used = AddressUsage.usedAddresses(in: supernet.cidr, by: allocations)
            let percent = Double(used) / Double(supernet.cidr.size) * 100
            lines.append(
                "\(supernet.region) supernet \(supernet.cidr): \(vpcs.count) VPCs\(pool.region == supernet.region ? " + preview pool \(pool.cidr)" : ""), \(Int(used).grouped) of \(Int(supernet.cidr.size).grouped) addresses allocated (\(String(format1: percent))%)"
            )
        }
        if let dev = spec.environments.first(where: { $0.previews != nil }), let previews = dev.previews {
            let pool = spec.network.addressPlan.previewPool.cidr
            let capacity = previews.prefixLength >= pool.length ? 1 << (previews.prefixLength - pool.length) : 0
            lines.append(
                "previews (\(dev.name)): /\(previews.prefixLength) each from \(pool), room for \(capacity), at most \(previews.maxConcurrent) at once, \(previews.ttlHours) h TTL"
            )
        }
        for reserved in spec.network.addressPlan.reserved {
            lines.append("reserved \(reserved.name): \(reserved.cidr)")
        }
        return lines
    }

    func environmentTable() -> TextTable {
        var table = TextTable(["ENV", "TIER", "ACCOUNT", "REGIONS", "AZS", "COMPUTE", "ASG", "DATABASE", "DR", "DEPLOY"])
        for env in spec.environments {
            let compute = env.compute.instanceType + (env.compute.spot ? " (spot)" : "")
            let asg = "\(env.compute.minSize)/\(env.compute.desiredCapacity)/\(env.compute.maxSize)"
            let db = "pg \(env.database.engineVersion) \(env.database.instanceClass)\(env.database.multiAz ? " multi-AZ" : "")"
            let dr = env.disasterRecovery.map { "\($0.region) RPO \($0.rpoMinutes)m RTO \($0.rtoMinutes)m" } ?? "-"
            table.add([
                env.name.rawValue, env.tier.rawValue, env.account.rawValue, env.regions.map(\.rawValue).joined(separator: ","),
                String(env.availabilityZones), compute, asg, db, dr, env.deployApproval.rawValue,
            ])
        }
        return table
    }

    public func json() -> JSONValue {
        let org = spec.organization
        return .object([
            ("platform", .string(spec.platform.name.rawValue)),
            (
                "regions",
                .object([
                    ("primary", .string(spec.regions.primary.rawValue)),
                    ("disasterRecovery", .string(spec.regions.disasterRecovery.rawValue)),
                ])
            ),
            (
                "accounts",
                .array(
                    org.allAccounts.map { account in
                        .object([
                            ("name", .string(account.name.rawValue)), ("email", .string(account.email)),
                            ("organizationalUnit", account.organizationalUnit.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            (
                "vpcs",
                .array(
                    spec.network.allVPCs.map { vpc in
                        .object([
                            ("name", .string(vpc.name.rawValue)), ("kind", .string(vpc.kind == "hubs" ? "hub" : "spoke")),
                            ("region", .string(vpc.region.rawValue)), ("cidr", .string(vpc.layout.cidr.description)),
                            ("availabilityZones", .array(vpc.layout.availabilityZones.map { .string($0.rawValue) })),
                        ])
                    })
            ),
            (
                "environments",
                .array(
                    spec.environments.map { env in
                        var pairs: [(String, JSONValue)] = [
                            ("name", .string(env.name.rawValue)), ("tier", .string(env.tier.rawValue)),
                            ("account", .string(env.account.rawValue)), ("availabilityZones", .int(env.availabilityZones)),
                        ]
                        if let target = env.mirrors, let original = spec.environment(named: target) {
                            pairs.append(("mirrors", .string(target.rawValue)))
                            pairs.append(
                                (
                                    "differences",
                                    .array(
                                        EnvironmentComparison.differences(env, original).map { difference in
                                            .object([
                                                ("setting", .string(difference.key)), ("value", .string(difference.mine)),
                                                ("mirrored", .string(difference.theirs)),
                                            ])
                                        })
                                ))
                        }
                        return .object(pairs)
                    })
            ),
            (
                "blockers",
                .array(
                    spec.blockers.map { blocker in
                        .object([
                            ("id", .string(blocker.id.rawValue)), ("status", .string(blocker.status.rawValue)),
                            ("gates", .array(blocker.gates.map { .string($0.rawValue) })),
                        ])
                    })
            ),
        ])
    }
}

extension String {
    /// One decimal place without Foundation's formatter.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
