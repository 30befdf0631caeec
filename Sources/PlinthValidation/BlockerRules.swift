import PlinthSpec

extension SpecValidator {
    /// A gated capability stays off while any blocker that gates it is unresolved, and every
    /// `blockedBy` names a blocker that really gates that capability.
    mutating func checkBlockers() {
        for (index, blocker) in spec.blockers.enumerated() where blocker.gates.isEmpty {
            error("empty-list", .root + "blockers" + index + "gates", "blocker '\(blocker.id)' gates nothing")
        }
        for (capability, enabled, blockedBy, path) in gatedCapabilities() {
            if let blockedBy {
                reference(blockedBy.rawValue, at: path + "blockedBy", to: "blocker", among: blockerIDs)
                if let blocker = spec.blockers.first(where: { $0.id == blockedBy }), !blocker.gates.contains(capability) {
                    error("blocker-mismatch", path + "blockedBy", "blocker '\(blockedBy)' does not gate \(capability.rawValue)")
                }
            }
            guard enabled else { continue }
            for (index, blocker) in spec.blockers.enumerated() where blocker.status != .resolved && blocker.gates.contains(capability) {
                error(
                    "gated-capability-enabled", path + "enabled",
                    "\(capability.rawValue) is enabled but blocker '\(blocker.id)' is \(blocker.status.rawValue)",
                    hint: "keep it disabled until the blocker is resolved",
                    related: [.init(path: .root + "blockers" + index, message: "blocker '\(blocker.id)'")])
            }
        }
    }

    func gatedCapabilities() -> [(GatedCapability, Bool, Name?, SpecPath)] {
        var result: [(GatedCapability, Bool, Name?, SpecPath)] = [
            (
                .controlTower, spec.organization.controlTower.enabled, spec.organization.controlTower.blockedBy,
                .root + "organization" + "controlTower"
            ),
            (
                .scimProvisioning, spec.identity.workforce.scimProvisioning.enabled, spec.identity.workforce.scimProvisioning.blockedBy,
                .root + "identity" + "workforce" + "scimProvisioning"
            ),
            (
                .customerIdentity, !spec.identity.customer.tenants.isEmpty && spec.identity.customer.blockedBy == nil,
                spec.identity.customer.blockedBy,
                .root + "identity" + "customer"
            ),
            (
                .managedPrometheus, spec.observability.prometheus.enabled, spec.observability.prometheus.blockedBy,
                .root + "observability" + "prometheus"
            ),
            (
                .managedGrafana, spec.observability.grafana.enabled, spec.observability.grafana.blockedBy,
                .root + "observability" + "grafana"
            ),
            (.vpn, spec.network.vpn.enabled, spec.network.vpn.blockedBy, .root + "network" + "vpn"),
            (.directConnect, spec.network.directConnect.enabled, spec.network.directConnect.blockedBy, .root + "network" + "directConnect"),
        ]
        for (index, route) in spec.observability.alertRoutes.enumerated() where route.destination == .pagerDuty {
            result.append((.pagerDutyRouting, route.blockedBy == nil, route.blockedBy, .root + "observability" + "alertRoutes" + index))
        }
        return result
    }
}
