import PlinthSpec

/// The accounts view: the organization root with the management account, then the OU tree drawn
/// top-down, each OU with the SCPs attached to it, its accounts and the permission sets Okta groups
/// get in each. An OU with many accounts shows the first few and counts the rest.
struct AccountsLayout {
    let spec: PlatformSpec
    /// Accounts drawn per OU; the rest are counted in one box.
    static let accountsPerUnit = 6

    private static let boxWidth = 270.0, gap = 16.0

    func scene() -> DiagramScene {
        let organization = spec.organization
        let name = spec.diagramName
        var scene = DiagramScene(title: "\(name) accounts", summary: summary())
        let margin = DiagramMetrics.margin
        scene.labels.append(
            DiagramLabel(
                text: "\(name) organization: OUs, accounts, SCPs and Okta group permission sets", at: DiagramPoint(x: margin, y: margin),
                fontSize: DiagramMetrics.titleFontSize, bold: true))
        let rootID = "root"
        let inner = margin + DiagramMetrics.groupPadding
        var y = margin + 36 + DiagramMetrics.groupHeader
        // The root's own row: the management account and the organization-wide gated features.
        var x = inner
        var rowBottom = y
        var rootNodes = [
            ("account-\(organization.managementAccount.name)", accountLines(organization.managementAccount), DiagramStyle.account)
        ]
        rootNodes.append(
            ("control-tower", ["AWS Control Tower"] + gate(organization.controlTower), organization.controlTower.enabled ? .root : .gated))
        let workforce = spec.identity.workforce
        rootNodes.append(
            (
                "okta",
                ["Okta \(workforce.oktaOrg)", "MFA \(workforce.mfaRequired ? "required" : "optional")", "SCIM provisioning"]
                    + gate(workforce.scimProvisioning),
                workforce.scimProvisioning.enabled ? .external : .gated
            ))
        for (id, lines, style) in rootNodes {
            let fitted = lines.map { DiagramMetrics.fit($0, width: Self.boxWidth) }
            let rect = DiagramRect(x: x, y: y, width: Self.boxWidth, height: DiagramMetrics.boxHeight(lines: fitted.count))
            scene.nodes.append(DiagramNode(id: id, lines: fitted, rect: rect, style: style, group: rootID))
            x = rect.maxX + Self.gap
            rowBottom = max(rowBottom, rect.maxY)
        }
        var right = x - Self.gap
        y = rowBottom + Self.gap
        x = inner
        var bottom = y
        for unit in organization.organizationalUnits where unit.parent == nil {
            let size = place(unit, at: DiagramPoint(x: x, y: y), parent: rootID, into: &scene)
            x += size.width + Self.gap
            bottom = max(bottom, y + size.height)
        }
        right = max(right, x - Self.gap)
        scene.groups.insert(
            DiagramGroup(
                id: rootID, title: "organization root",
                rect: DiagramRect(
                    x: margin, y: margin + 36, width: right + DiagramMetrics.groupPadding - margin,
                    height: bottom + DiagramMetrics.groupPadding - margin - 36),
                style: .root), at: 0)
        scene.finish()
        return scene
    }

    /// Lays out an OU and its children at `origin`; returns its size.
    private func place(
        _ unit: OrganizationalUnitSpec, at origin: DiagramPoint, parent: String, into scene: inout DiagramScene
    ) -> (width: Double, height: Double) {
        let id = "ou-\(unit.name)"
        let groupIndex = scene.groups.count
        scene.groups.append(
            DiagramGroup(
                id: id, title: "OU \(unit.name)", rect: DiagramRect(x: origin.x, y: origin.y, width: 0, height: 0),
                style: .organizationalUnit, parent: parent))
        let inner = origin.x + DiagramMetrics.groupPadding
        var y = origin.y + DiagramMetrics.groupHeader
        var right = inner + Self.boxWidth
        func add(_ nodeID: String, _ lines: [String], _ style: DiagramStyle) {
            let fitted = lines.map { DiagramMetrics.fit($0, width: Self.boxWidth) }
            let rect = DiagramRect(x: inner, y: y, width: Self.boxWidth, height: DiagramMetrics.boxHeight(lines: fitted.count))
            scene.nodes.append(DiagramNode(id: nodeID, lines: fitted, rect: rect, style: style, group: id))
            y = rect.maxY + Self.gap / 2
        }
        let policies = spec.organization.serviceControlPolicies.filter { $0.attachTo.contains(unit.name) }.map(\.name.rawValue)
        if !policies.isEmpty {
            add("scp-\(unit.name)", ["SCPs attached here"] + policies.map { "· \($0)" }, .external)
        }
        let accounts = spec.organization.accounts.filter { $0.organizationalUnit == unit.name }
        for account in accounts.prefix(Self.accountsPerUnit) {
            add("account-\(account.name)", accountLines(account), .account)
        }
        if accounts.count > Self.accountsPerUnit {
            let rest = accounts.dropFirst(Self.accountsPerUnit)
            add(
                "more-\(unit.name)",
                [
                    "+ \(Counted.noun(rest.count, "more account"))",
                    "\(rest.first?.name.rawValue ?? "") … \(rest.last?.name.rawValue ?? "")",
                ],
                .collapsed)
        }
        let children = spec.organization.organizationalUnits.filter { $0.parent == unit.name }
        if !children.isEmpty {
            y += Self.gap / 2
            var x = inner
            var bottom = y
            for child in children {
                let size = place(child, at: DiagramPoint(x: x, y: y), parent: id, into: &scene)
                x += size.width + Self.gap
                bottom = max(bottom, y + size.height)
            }
            right = max(right, x - Self.gap)
            y = bottom + Self.gap / 2
        }
        let width = right + DiagramMetrics.groupPadding - origin.x
        let height = y - Self.gap / 2 + DiagramMetrics.groupPadding - origin.y
        scene.groups[groupIndex].rect = DiagramRect(x: origin.x, y: origin.y, width: width, height: height)
        return (width, height)
    }

    /// The account's name and purpose, then each Okta group's permission set in it.
    private func accountLines(_ account: AccountSpec) -> [String] {
        var lines = ["account \(account.name)"]
        let grants = spec.identity.workforce.assignments.filter { $0.accounts.contains(account.name) }
        let columns = Int((Self.boxWidth - 2 * DiagramMetrics.paddingX) / (DiagramMetrics.fontSize * DiagramMetrics.characterWidth))
        for grant in grants.prefix(5) {
            let line = "\(grant.group) → \(grant.permissionSet)"
            lines += line.count <= columns ? [line] : ["\(grant.group) →", "  \(grant.permissionSet)"]
        }
        if grants.count > 5 { lines.append("+ \(Counted.noun(grants.count - 5, "more assignment"))") }
        if grants.isEmpty { lines.append("no Okta group assigned") }
        return lines
    }

    private func gate(_ feature: GatedFeature) -> [String] { spec.gateLines(enabled: feature.enabled, blockedBy: feature.blockedBy) }

    private func summary() -> String {
        let organization = spec.organization
        var parts = [
            "The organization has \(Counted.noun(organization.allAccounts.count, "account")) in \(Counted.noun(organization.organizationalUnits.count, "organizational unit")); \(organization.managementAccount.name) is the management account at the root."
        ]
        for unit in organization.organizationalUnits {
            let accounts = organization.accounts.filter { $0.organizationalUnit == unit.name }
            let policies = organization.serviceControlPolicies.filter { $0.attachTo.contains(unit.name) }
            parts.append(
                "OU \(unit.name)\(unit.parent.map { " (in \($0))" } ?? ""): \(Counted.noun(accounts.count, "account")), \(Counted.noun(policies.count, "SCP")) attached."
            )
        }
        for assignment in spec.identity.workforce.assignments.prefix(12) {
            parts.append(
                "Okta group \(assignment.group) gets \(assignment.permissionSet) in \(Counted.noun(assignment.accounts.count, "account")).")
        }
        return parts.joined(separator: " ")
    }
}
