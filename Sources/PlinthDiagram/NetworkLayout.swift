import PlinthSpec

/// The network view: one band per region with its hubs on the left and the spokes, grouped by
/// environment, on the right; VPN and Direct Connect left of the primary hub, CloudFront right of
/// the spokes. A tier with more environments than fit is drawn as one collapsed box with counts.
struct NetworkLayout {
    let spec: PlatformSpec
    /// Environments of one tier drawn one by one in a region; more collapse into one box.
    static let environmentsPerTier = 4
    /// Spokes drawn per environment and region; the rest are counted in a "more" box.
    static let spokesPerEnvironment = 4

    private static let externalWidth = 240.0, hubWidth = 250.0, spokeWidth = 250.0, cloudFrontWidth = 200.0
    private static let columnGap = 56.0, rowGap = 10.0

    /// One environment (or a collapsed tier) of a region, as drawn.
    private struct Cluster {
        var id: String
        var title: String
        var environments: [EnvironmentSpec]
        var spokes: [SpokeSpec]
        var collapsed: Bool
    }

    func scene() -> DiagramScene {
        let network = spec.network
        var scene = DiagramScene(
            title: "\(displayName) network", summary: summary())
        let margin = DiagramMetrics.margin
        scene.labels.append(
            DiagramLabel(
                text: "\(displayName) network: regions, Transit Gateway hubs and spokes by environment",
                at: DiagramPoint(x: margin, y: margin),
                fontSize: DiagramMetrics.titleFontSize, bold: true))
        let externalX = margin
        let regionX = externalX + Self.externalWidth + Self.columnGap
        let hubX = regionX + DiagramMetrics.groupPadding
        let clusterX = hubX + Self.hubWidth + Self.columnGap
        let spokeX = clusterX + DiagramMetrics.groupPadding
        let regionRight = spokeX + Self.spokeWidth + 2 * DiagramMetrics.groupPadding
        let cloudFrontX = regionRight + Self.columnGap
        var y = margin + 36
        var primaryHub: String?
        var cloudFrontTargets: [(target: String, y: Double, lines: [String], id: String)] = []

        for region in regions {
            let regionID = "region-\(region)"
            let regionTop = y
            var hubY = y + DiagramMetrics.groupHeader
            for hub in network.hubs where hub.region == region {
                let lines = hubLines(hub)
                scene.nodes.append(
                    DiagramNode(
                        id: "hub-\(hub.name)", lines: lines,
                        rect: DiagramRect(x: hubX, y: hubY, width: Self.hubWidth, height: DiagramMetrics.boxHeight(lines: lines.count)),
                        style: .hub, group: regionID))
                hubY += DiagramMetrics.boxHeight(lines: lines.count) + Self.rowGap
                if region == spec.regions.primary, primaryHub == nil { primaryHub = "hub-\(hub.name)" }
                if let peer = hub.transitGateway.peerWith, network.hubs.contains(where: { $0.name == peer }) {
                    scene.edges.append(DiagramEdge(from: "hub-\(hub.name)", to: "hub-\(peer)", label: "TGW peering", bidirectional: true))
                }
            }
            var clusterY = y + DiagramMetrics.groupHeader
            for cluster in clusters(in: region) {
                let groupID = "\(regionID)-\(cluster.id)"
                let top = clusterY
                var rowY = top + DiagramMetrics.groupHeader
                var firstNode: String?
                func add(_ id: String, _ lines: [String], _ style: DiagramStyle) {
                    let lines = lines.map { DiagramMetrics.fit($0, width: Self.spokeWidth) }
                    let height = DiagramMetrics.boxHeight(lines: lines.count)
                    scene.nodes.append(
                        DiagramNode(
                            id: id, lines: lines, rect: DiagramRect(x: spokeX, y: rowY, width: Self.spokeWidth, height: height),
                            style: style,
                            group: groupID))
                    rowY += height + Self.rowGap
                    if firstNode == nil { firstNode = id }
                }
                if cluster.collapsed {
                    let id = "\(groupID)-all"
                    add(id, collapsedLines(cluster), .collapsed)
                    for hub in Set(cluster.spokes.map(\.hub)).sorted() { scene.edges.append(DiagramEdge(from: "hub-\(hub)", to: id)) }
                } else {
                    for spoke in cluster.spokes.prefix(Self.spokesPerEnvironment) {
                        add(
                            "spoke-\(spoke.name)",
                            [
                                spoke.name.rawValue, "\(spoke.vpc.cidr) · \(Counted.noun(spoke.vpc.availabilityZones.count, "AZ"))",
                                "TGW route table \(spoke.routeTable)",
                            ], .spoke)
                        scene.edges.append(DiagramEdge(from: "hub-\(spoke.hub)", to: "spoke-\(spoke.name)"))
                    }
                    let hidden = cluster.spokes.count - Self.spokesPerEnvironment
                    if hidden > 0 { add("\(groupID)-more", ["+ \(Counted.noun(hidden, "more spoke"))"], .collapsed) }
                }
                for link in network.privateLink where link.serviceName.contains(".\(region).") {
                    let consumers = cluster.environments.filter { link.environments.contains($0.name) }
                    guard !consumers.isEmpty else { continue }
                    add(
                        "\(groupID)-pl-\(link.name)",
                        ["PrivateLink", link.name.rawValue] + DiagramMetrics.chunk(link.serviceName, width: Self.spokeWidth), .privateLink)
                }
                rowY += DiagramMetrics.groupPadding - Self.rowGap
                scene.groups.append(
                    DiagramGroup(
                        id: groupID, title: DiagramMetrics.fit(cluster.title, width: Self.spokeWidth + 2 * DiagramMetrics.groupPadding),
                        rect: DiagramRect(
                            x: clusterX, y: top, width: regionRight - clusterX - DiagramMetrics.groupPadding, height: rowY - top),
                        style: .environment, parent: regionID))
                let servesHere = cluster.environments.filter { $0.regions.first == region }
                if network.edge.cloudFront, let target = firstNode, !servesHere.isEmpty {
                    let name =
                        cluster.collapsed
                        ? Counted.noun(servesHere.count, "environment") : servesHere.map(\.name.rawValue).joined(separator: ", ")
                    cloudFrontTargets.append(
                        (
                            target, top,
                            [
                                "CloudFront", DiagramMetrics.fit(name, width: Self.cloudFrontWidth),
                                "\(network.edge.priceClass.rawValue)\(network.edge.webACL ? " · WAF" : "")",
                                "minimum \(network.edge.minimumTLS)",
                            ], "cloudfront-\(groupID)"
                        ))
                }
                clusterY = rowY + Self.rowGap
            }
            let bottom = max(hubY, clusterY) + DiagramMetrics.groupPadding - Self.rowGap
            let role = region == spec.regions.primary ? "primary" : region == spec.regions.disasterRecovery ? "disaster recovery" : "region"
            scene.groups.append(
                DiagramGroup(
                    id: regionID, title: "\(region) (\(role))",
                    rect: DiagramRect(x: regionX, y: regionTop, width: regionRight - regionX, height: bottom - regionTop), style: .region))
            y = bottom + 30
        }

        var externalY = margin + 36 + DiagramMetrics.groupHeader
        for (id, lines) in [("vpn", vpnLines()), ("direct-connect", directConnectLines())] {
            let gated = id == "vpn" ? !network.vpn.enabled : !network.directConnect.enabled
            let fitted = lines.map { DiagramMetrics.fit($0, width: Self.externalWidth) }
            let height = DiagramMetrics.boxHeight(lines: fitted.count)
            scene.nodes.append(
                DiagramNode(
                    id: id, lines: fitted, rect: DiagramRect(x: externalX, y: externalY, width: Self.externalWidth, height: height),
                    style: gated ? .gated : .external))
            if let primaryHub { scene.edges.append(DiagramEdge(from: id, to: primaryHub, dashed: gated)) }
            externalY += height + 2 * Self.rowGap
        }
        var cloudFrontY = 0.0
        for entry in cloudFrontTargets {
            let top = max(entry.y, cloudFrontY)
            let height = DiagramMetrics.boxHeight(lines: entry.lines.count)
            scene.nodes.append(
                DiagramNode(
                    id: entry.id, lines: entry.lines,
                    rect: DiagramRect(x: cloudFrontX, y: top, width: Self.cloudFrontWidth, height: height),
                    style: .edgeService))
            scene.edges.append(DiagramEdge(from: entry.id, to: entry.target))
            cloudFrontY = top + height + Self.rowGap
        }
        let bottom = max(y - 30, externalY, cloudFrontY)
        scene.addLegend(
            title: "legend", at: DiagramPoint(x: margin, y: bottom + 16), width: cloudFrontX + Self.cloudFrontWidth,
            entries: [
                LegendEntry(id: "legend-hub", style: .hub, text: "hub VPC with Transit Gateway"),
                LegendEntry(id: "legend-spoke", style: .spoke, text: "spoke VPC"),
                LegendEntry(id: "legend-gated", style: .gated, text: "gated by an open blocker (dashed link)"),
                LegendEntry(id: "legend-collapsed", style: .collapsed, text: "several, counted"),
                LegendEntry(id: "legend-privatelink", style: .privateLink, text: "PrivateLink"),
                LegendEntry(id: "legend-cloudfront", style: .edgeService, text: "CloudFront"),
            ])
        scene.finish()
        return scene
    }

    private var displayName: String { spec.diagramName }

    /// The spec's regions first, then any other region a hub or spoke names.
    private var regions: [Region] {
        var seen = Set<Region>()
        return (spec.regions.all + spec.network.hubs.map(\.region) + spec.network.spokes.map(\.region)).filter { seen.insert($0).inserted }
    }

    /// Environments with spokes in `region`, production first; a tier with too many environments is one cluster.
    private func clusters(in region: Region) -> [Cluster] {
        let spokes = spec.network.spokes.filter { $0.region == region }
        let byEnvironment = Dictionary(grouping: spokes, by: \.environment)
        let tiers: [EnvironmentTier] = [.production, .staging, .development]
        var result: [Cluster] = []
        var known = Set<Name>()
        for tier in tiers {
            let environments = spec.environments.filter { $0.tier == tier && byEnvironment[$0.name] != nil }
            known.formUnion(environments.map(\.name))
            if environments.count > Self.environmentsPerTier {
                let tierSpokes = environments.flatMap { byEnvironment[$0.name] ?? [] }
                result.append(
                    Cluster(
                        id: "tier-\(tier.rawValue)", title: "\(tier.rawValue): \(Counted.noun(environments.count, "environment"))",
                        environments: environments, spokes: tierSpokes, collapsed: true))
                continue
            }
            for environment in environments {
                result.append(
                    Cluster(
                        id: "env-\(environment.name)", title: "\(environment.name) · account \(environment.account)",
                        environments: [environment], spokes: byEnvironment[environment.name] ?? [], collapsed: false))
            }
        }
        let unknown = spokes.filter { !known.contains($0.environment) }
        if !unknown.isEmpty {
            result.append(
                Cluster(
                    id: "env-other", title: "other spokes", environments: [], spokes: unknown,
                    collapsed: unknown.count > Self.spokesPerEnvironment))
        }
        return result
    }

    private func collapsedLines(_ cluster: Cluster) -> [String] {
        let tables = Set(cluster.spokes.map(\.routeTable.rawValue)).sorted()
        let names = cluster.environments.prefix(3).map(\.name.rawValue)
        let sorted = cluster.spokes.map(\.vpc.cidr).sorted()
        var lines = [
            Counted.noun(cluster.spokes.count, "spoke"), "in " + Counted.noun(cluster.environments.count, "environment"),
            "e.g. " + names.joined(separator: ", ") + (cluster.environments.count > 3 ? ", …" : ""),
            "TGW route tables " + tables.joined(separator: ", "),
        ]
        if let first = sorted.first, let last = sorted.last { lines.append("\(first.network) – \(last.last)") }
        return lines
    }

    private func hubLines(_ hub: HubSpec) -> [String] {
        let columns = Int((Self.hubWidth - 2 * DiagramMetrics.paddingX) / (DiagramMetrics.fontSize * DiagramMetrics.characterWidth))
        var lines = [
            "\(hub.name) · Transit Gateway", "\(hub.vpc.cidr) · \(Counted.noun(hub.vpc.availabilityZones.count, "AZ"))",
            "account \(hub.account)", "TGW ASN \(hub.transitGateway.amazonSideAsn)",
        ]
        lines += DiagramMetrics.wrap(hub.transitGateway.routeTables.map(\.rawValue), lead: "route tables: ", columns: columns)
        lines += DiagramMetrics.wrap(hub.services.map(\.rawValue), lead: "hosts: ", columns: columns)
        if let peer = hub.transitGateway.peerWith { lines.append("peered with \(peer)") }
        if hub.centralEgress { lines.append("central egress (NAT)") }
        return lines.map { DiagramMetrics.fit($0, width: Self.hubWidth) }
    }

    private func vpnLines() -> [String] {
        let vpn = spec.network.vpn
        let columns = Int((Self.externalWidth - 2 * DiagramMetrics.paddingX) / (DiagramMetrics.fontSize * DiagramMetrics.characterWidth))
        let ranges = vpn.corporateRanges.flatMap { name -> [String] in
            let cidr = spec.network.addressPlan.reserved.first { $0.name == name }.map { "\($0.cidr)" } ?? "(not reserved)"
            return name.count + cidr.count + 1 <= columns ? ["\(name) \(cidr)"] : [name, "  \(cidr)"]
        }
        return ["Site-to-Site VPN", "gateway \(vpn.customerGatewayIP)", "ASN \(vpn.customerGatewayAsn)"] + ranges
            + gate(enabled: vpn.enabled, blockedBy: vpn.blockedBy)
    }

    private func directConnectLines() -> [String] {
        let link = spec.network.directConnect
        return ["Direct Connect", "\(link.bandwidth) · ASN \(link.amazonSideAsn)", "to the primary hub's TGW"]
            + gate(enabled: link.enabled, blockedBy: link.blockedBy)
    }

    private func gate(enabled: Bool, blockedBy: Name?) -> [String] { spec.gateLines(enabled: enabled, blockedBy: blockedBy) }

    private func summary() -> String {
        let network = spec.network
        var parts = [
            "\(Counted.noun(network.hubs.count, "hub")) and \(Counted.noun(network.spokes.count, "spoke VPC")) in \(Counted.noun(regions.count, "region"))."
        ]
        for hub in network.hubs {
            parts.append(
                "\(hub.name) (\(hub.vpc.cidr), \(hub.region)) hosts a Transit Gateway with route tables \(hub.transitGateway.routeTables.map(\.rawValue).joined(separator: ", "))\(hub.transitGateway.peerWith.map { ", peered with \($0)" } ?? "")."
            )
        }
        for spoke in network.spokes.prefix(12) {
            parts.append("\(spoke.name) (\(spoke.vpc.cidr)) serves \(spoke.environment) in \(spoke.region) through \(spoke.hub).")
        }
        if network.spokes.count > 12 { parts.append("\(Counted.number(network.spokes.count - 12)) more spokes are drawn grouped by tier.") }
        parts.append("Site-to-Site VPN: \(gate(enabled: network.vpn.enabled, blockedBy: network.vpn.blockedBy).joined(separator: " ")).")
        parts.append(
            "Direct Connect: \(gate(enabled: network.directConnect.enabled, blockedBy: network.directConnect.blockedBy).joined(separator: " "))."
        )
        if network.edge.cloudFront { parts.append("CloudFront serves each environment in front of its spoke in the primary region.") }
        return parts.joined(separator: " ")
    }
}
