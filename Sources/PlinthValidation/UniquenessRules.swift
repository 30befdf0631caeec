import PlinthSpec

extension SpecValidator {
    mutating func checkUniqueNames() {
        let org = SpecPath.root + "organization"
        unique(spec.organization.organizationalUnits.named(org + "organizationalUnits") { $0.name }, kind: "organizational unit")
        unique(
            [(spec.organization.managementAccount.name.rawValue, org + "managementAccount" + "name")]
                + spec.organization.accounts.named(org + "accounts") { $0.name.rawValue }, kind: "account name")
        unique(
            spec.organization.serviceControlPolicies.named(org + "serviceControlPolicies") { $0.name.rawValue },
            kind: "service control policy")
        unique(spec.environments.named(.root + "environments") { $0.name.rawValue }, kind: "environment")
        let net = SpecPath.root + "network"
        unique(
            spec.network.hubs.named(net + "hubs") { $0.name.rawValue } + spec.network.spokes.named(net + "spokes") { $0.name.rawValue },
            kind: "VPC name")
        unique(spec.network.privateLink.named(net + "privateLink") { $0.name.rawValue }, kind: "PrivateLink consumer")
        unique(spec.network.addressPlan.reserved.named(net + "addressPlan" + "reserved") { $0.name }, kind: "reserved range")
        unique(
            spec.network.interfaceEndpoints.enumerated().map { ($0.element, net + "interfaceEndpoints" + $0.offset) },
            kind: "interface endpoint")
        let dns = SpecPath.root + "dns"
        unique(spec.dns.privateZones.named(dns + "privateZones") { $0.name }, kind: "private zone")
        unique(spec.dns.certificates.named(dns + "certificates") { $0.name.rawValue }, kind: "certificate")
        let secrets = SpecPath.root + "secrets"
        unique(spec.secrets.kmsKeys.named(secrets + "kmsKeys", "alias") { $0.alias }, kind: "KMS alias")
        unique(spec.secrets.secrets.named(secrets + "secrets") { $0.name }, kind: "secret")
        unique(spec.secrets.parameters.named(secrets + "parameters") { $0.name }, kind: "parameter")
        let obs = SpecPath.root + "observability"
        unique(spec.observability.alertRoutes.named(obs + "alertRoutes") { $0.name.rawValue }, kind: "alert route")
        unique(spec.observability.alerts.named(obs + "alerts") { $0.name.rawValue }, kind: "alert")
        let identity = SpecPath.root + "identity"
        unique(spec.identity.workforce.permissionSets.named(identity + "workforce" + "permissionSets") { $0.name }, kind: "permission set")
        unique(spec.identity.customer.tenants.named(identity + "customer" + "tenants") { $0.name }, kind: "Auth0 tenant")
        let app = identity + "application"
        unique(spec.identity.application.permissions.named(app + "permissions") { $0.name.rawValue }, kind: "permission")
        unique(spec.identity.application.roles.named(app + "roles") { $0.name }, kind: "role")
        unique(spec.identity.application.machineScopes.named(app + "machineScopes") { $0.name }, kind: "machine scope")
        unique(spec.pipelines.repositories.named(.root + "pipelines" + "repositories") { $0.name.rawValue }, kind: "repository")
        unique(spec.blockers.named(.root + "blockers", "id") { $0.id.rawValue }, kind: "blocker id")
    }
}
