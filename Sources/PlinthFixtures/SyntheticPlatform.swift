import PlinthAddressing

/// Writes a valid platform.yaml of a chosen size: a management account, three core accounts, one
/// account per workload environment, and VPCs spread over the environments. Used to measure how
/// loading and validation scale, so its output must pass validation unchanged.
public struct SyntheticPlatform: Sendable {
    public var accounts: Int
    public var vpcs: Int

    /// `accounts` counts every account including management (at least 6). `vpcs` counts hubs and
    /// spokes; it is raised when needed so every environment gets a spoke.
    public init(accounts: Int, vpcs: Int) {
        self.accounts = max(accounts, 6)
        self.vpcs = max(vpcs, self.accounts - 4 + 3)
    }

    /// Environments: prod, staging, then one development environment per remaining workload account.
    var environmentCount: Int { accounts - 4 }

    public func yaml() -> String {
        var out = ""
        out.reserveCapacity(vpcs * 600 + accounts * 400)
        func line(_ text: String) {
            out.append(text)
            out.append("\n")
        }
        let envs = (0..<environmentCount).map { $0 == 0 ? "prod" : $0 == 1 ? "staging" : "dev-\($0)" }

        line("apiVersion: plinth/v1")
        line("platform:\n  name: synthetic\n  displayName: Synthetic\n  owner: bench\n  domain: synthetic.example")
        line("regions:\n  primary: us-east-1\n  disasterRecovery: us-west-2")
        line("organization:")
        line("  managementAccount:\n    name: management\n    email: management@synthetic.example\n    purpose: root")
        line("  controlTower:\n    enabled: false")
        line("  organizationalUnits:")
        for ou in ["Security", "Infrastructure", "Workloads"] { line("    - name: \(ou)\n      purpose: \(ou)") }
        line("    - name: NonProd\n      parent: Workloads\n      purpose: nonprod")
        line("    - name: Prod\n      parent: Workloads\n      purpose: prod")
        line("  accounts:")
        line("    - name: log-archive\n      email: log-archive@synthetic.example\n      organizationalUnit: Security\n      purpose: logs")
        line("    - name: audit\n      email: audit@synthetic.example\n      organizationalUnit: Security\n      purpose: audit")
        line(
            "    - name: shared-services\n      email: shared-services@synthetic.example\n      organizationalUnit: Infrastructure\n      purpose: shared"
        )
        for env in envs {
            line(
                "    - name: \(env)\n      email: \(env)@synthetic.example\n      organizationalUnit: \(env == "prod" ? "Prod" : "NonProd")\n      purpose: \(env)"
            )
        }
        line("  serviceControlPolicies:")
        for kind in [
            "deny-leave-organization", "deny-regions-outside-allowed", "deny-security-service-changes", "deny-root-user",
            "deny-iam-users-and-access-keys", "require-imdsv2",
        ] {
            line(
                "    - name: \(kind)\n      kind: \(kind)\n      description: \(kind)\n      attachTo: [Security, Infrastructure, Workloads]"
            )
        }

        line("environments:")
        for env in envs {
            let tier = env == "prod" ? "production" : env == "staging" ? "staging" : "development"
            let azs = tier == "development" ? 2 : 3
            let regions = env == "prod" ? "[us-east-1, us-west-2]" : "[us-east-1]"
            line("  - name: \(env)\n    account: \(env)\n    tier: \(tier)\n    regions: \(regions)\n    availabilityZones: \(azs)")
            line("    compute: {instanceType: m6i.large, minSize: 3, maxSize: 6, desiredCapacity: 3, spot: false}")
            line(
                "    database: {engineVersion: \"16.4\", instanceClass: db.r6g.large, allocatedStorageGb: 100, maxAllocatedStorageGb: 200, multiAz: true, backupRetentionDays: 7, deletionProtection: true}"
            )
            if env == "staging" { line("    mirrors: prod") }
            if env == "prod" {
                line("    deployApproval: manual")
                line(
                    "    disasterRecovery: {region: us-west-2, strategy: warm-standby, rpoMinutes: 15, rtoMinutes: 60, databaseReplication: cross-region-backups}"
                )
            }
        }

        // Address plan: us-east-1 10.0.0.0/9 holds /20 VPCs from the bottom and the preview pool at
        // the top; us-west-2 10.128.0.0/9 holds its hub and the prod DR spoke.
        let east = IPv4Prefix(network: IPv4Address(0x0A00_0000), length: 9)
        let west = IPv4Prefix(network: IPv4Address(0x0A80_0000), length: 9)
        line(
            "network:\n  addressPlan:\n    supernets:\n      - {region: us-east-1, cidr: \(east)}\n      - {region: us-west-2, cidr: \(west)}"
        )
        line("    previewPool: {region: us-east-1, cidr: 10.126.0.0/15}")
        line("    reserved:\n      - {name: corporate, cidr: 172.16.0.0/12}")
        var eastIndex = 0, westIndex = 0
        func nextBlock(_ region: String) -> IPv4Prefix {
            defer { if region == "us-east-1" { eastIndex += 1 } else { westIndex += 1 } }
            let base = region == "us-east-1" ? east : west
            return base.subnet(newBits: 11, index: region == "us-east-1" ? eastIndex : westIndex) ?? base
        }
        func vpcBlock(_ indent: String, _ cidr: IPv4Prefix, _ region: String, azs: Int) {
            let zones = ["a", "b", "c"].prefix(azs).map { "\(region)\($0)" }
            // /20: public /24s at 0-2, private /22s at 4, 8, 12, isolated /26s inside the 4th /24.
            let publics = (0..<azs).compactMap { cidr.subnet(newBits: 4, index: $0) }
            let privates = (0..<azs).compactMap { cidr.subnet(newBits: 2, index: $0 + 1) }
            let isolated = (0..<azs).compactMap { cidr.subnet(newBits: 6, index: 12 + $0) }
            line("\(indent)vpc:\n\(indent)  cidr: \(cidr)\n\(indent)  availabilityZones: [\(zones.joined(separator: ", "))]")
            line("\(indent)  subnets:\n\(indent)    public: [\(publics.map(\.description).joined(separator: ", "))]")
            line(
                "\(indent)    private: [\(privates.map(\.description).joined(separator: ", "))]\n\(indent)    isolated: [\(isolated.map(\.description).joined(separator: ", "))]"
            )
        }
        line("  hubs:")
        for (name, region, peer) in [("hub-use1", "us-east-1", "\n        peerWith: hub-usw2"), ("hub-usw2", "us-west-2", "")] {
            line(
                "    - name: \(name)\n      account: shared-services\n      region: \(region)\n      centralEgress: true\n      services: [central-egress]"
            )
            line(
                "      transitGateway:\n        amazonSideAsn: \(region == "us-east-1" ? 64512 : 64522)\n        routeTables: [shared, prod, nonprod]\(peer)"
            )
            vpcBlock("      ", nextBlock(region), region, azs: 3)
        }
        line("  spokes:")
        let spokeCount = vpcs - 2
        for index in 0..<spokeCount {
            // prod gets the DR spoke first, then spokes go round-robin over every environment.
            let env = index == 0 ? "prod" : envs[(index - 1) % envs.count]
            let region = index == 0 ? "us-west-2" : "us-east-1"
            let azs = env.hasPrefix("dev-") ? 2 : 3
            line(
                "    - name: spoke-\(index)\n      environment: \(env)\n      region: \(region)\n      hub: \(region == "us-east-1" ? "hub-use1" : "hub-usw2")\n      routeTable: \(env == "prod" ? "prod" : "nonprod")"
            )
            vpcBlock("      ", nextBlock(region), region, azs: azs)
        }
        line("  securityGroupIntent:\n    - {tier: isolated, allowFrom: [private], ports: [5432], description: db}")
        line("  interfaceEndpoints: [ssm, kms]")
        line("  edge: {cloudFront: true, priceClass: PriceClass_100, minimumTLS: TLSv1.2_2021, webACL: true}")
        line("  vpn: {enabled: false, customerGatewayIP: 203.0.113.10, customerGatewayAsn: 65010, corporateRanges: [corporate]}")
        line("  directConnect: {enabled: false, amazonSideAsn: 64513, bandwidth: 1Gbps}")

        line("dns:\n  publicZone: synthetic.example\n  publicZoneAccount: shared-services\n  privateZones:")
        for env in envs { line("    - {name: \(env).internal.synthetic.example, environment: \(env)}") }
        line("  certificates:\n    - {name: edge, domain: app.synthetic.example, environment: prod, region: us-east-1, usage: cloudfront}")
        line("secrets:\n  kmsKeys:")
        for env in envs { line("    - {environment: \(env), alias: alias/synthetic-\(env), rotationDays: 365}") }
        line(
            "  secrets:\n    - {name: prod/app/db, environment: prod, owner: bench, description: db, rotation: {kind: rds-native, scheduleDays: 7}}"
        )
        line("  parameters: []")
        line("observability:\n  logRetentionDays:")
        for env in envs { line("    \(env): 30") }
        line(
            "  logPipeline: {account: log-archive, openSearchDomain: logs, openSearchInstanceType: r6g.large.search, openSearchInstanceCount: 3, openSearchRetentionDays: 30, firehoseBufferSeconds: 60}"
        )
        line("  prometheus: {enabled: false, account: shared-services, workspace: metrics}")
        line("  grafana: {enabled: false, account: shared-services, workspace: dashboards}")
        line("  tracing: {samplingRate: {prod: 0.05}, reservoirPerSecond: 1}")
        line(
            "  alertRoutes:\n    - {name: critical, severity: critical, destination: pagerduty, target: prod}\n    - {name: info, severity: non-critical, destination: slack, target: \"#alerts\"}"
        )
        line("  alerts: []")
        line(
            "terraformState: {account: shared-services, region: us-east-1, bucket: synthetic-state, lockTable: synthetic-locks, keyPrefix: plinth}"
        )
        line("identity:\n  workforce:\n    oktaOrg: synthetic.okta.com\n    scimProvisioning: {enabled: false}\n    mfaRequired: true")
        line(
            "    permissionSets:\n      - {name: Admin, description: admin, sessionHours: 1, managedPolicies: [\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"
        )
        line("    assignments:\n      - {group: admins, permissionSet: Admin, accounts: [\(envs.prefix(50).joined(separator: ", "))]}")
        line("  customer:\n    provider: auth0\n    apiIdentifier: https://api.synthetic.example\n    tenants: []")
        line(
            "  application:\n    claimsNamespace: https://synthetic.example/claims\n    permissions:\n      - {name: \"record:read\", description: read}"
        )
        line("    roles:")
        line("      - {name: clinic_admin, description: admin, grants: [{permission: \"record:read\", scope: clinic}]}")
        line("      - {name: allergist, description: doctor, grants: [{permission: \"record:read\", scope: clinic}]}")
        line("      - {name: patient, description: patient, grants: [{permission: \"record:read\", scope: self}]}")
        line("    machineScopes:\n      - {name: \"policy:admin\", description: admin}")
        line("pipelines:\n  githubOrganization: synthetic\n  securityGates: [sast]\n  repositories:")
        line(
            "    - {name: infrastructure, description: infra, defaultBranch: main, requiredReviews: 1, requireCodeOwnerReviews: true, requiredChecks: [plan]}"
        )
        line("  deployRoles:")
        for env in envs {
            if env == "prod" {
                line("    - {account: prod, roleName: deploy, repository: infrastructure, environments: [prod], requiresApproval: true}")
            } else {
                line("    - {account: \(env), roleName: deploy, repository: infrastructure, branches: [main], requiresApproval: false}")
            }
        }
        line(
            "  runners: {account: shared-services, instanceType: t3.large, minSize: 0, maxSize: 2, labels: [self-hosted], registrationSecret: github/runner-registration}"
        )
        line("blockers: []")
        return out
    }
}
