import PlinthDiagram
import PlinthRender
import PlinthSpec
import Testing

@Suite("What each view shows")
struct PlatformDiagramsTests {
    @Test func networkShowsEveryVPCWithItsCIDRAndGatesBlockedConnectivity() throws {
        let diagrams = try DiagramFixture.diagrams(.committed)
        let scene = diagrams.scene(.network)
        let text = scene.nodes.flatMap(\.lines).joined(separator: "\n")
        for vpc in diagrams.spec.network.allVPCs {
            #expect(text.contains(vpc.name.rawValue) && text.contains("\(vpc.layout.cidr)"), "\(vpc.name)")
        }
        for (id, enabled) in [("vpn", diagrams.spec.network.vpn.enabled), ("direct-connect", diagrams.spec.network.directConnect.enabled)] {
            let node = try #require(scene.nodes.first { $0.id == id })
            #expect(node.style == (enabled ? .external : .gated))
            #expect(scene.edges.contains { $0.from == id && $0.dashed == !enabled })
        }
        for hub in diagrams.spec.network.hubs {
            if let peer = hub.transitGateway.peerWith {
                #expect(scene.edges.contains { $0.from == "hub-\(hub.name)" && $0.to == "hub-\(peer)" && $0.bidirectional })
            }
        }
        for spoke in diagrams.spec.network.spokes {
            #expect(scene.edges.contains { $0.from == "hub-\(spoke.hub)" && $0.to == "spoke-\(spoke.name)" })
        }
        #expect(scene.nodes.contains { $0.style == .privateLink } == !diagrams.spec.network.privateLink.isEmpty)
        #expect(scene.nodes.contains { $0.style == .edgeService } == diagrams.spec.network.edge.cloudFront)
    }

    @Test func accountsShowEveryAccountWithItsGroupsAndEveryAttachment() throws {
        let diagrams = try DiagramFixture.diagrams(.committed)
        let scene = diagrams.scene(.accounts)
        for account in diagrams.spec.organization.allAccounts {
            let node = try #require(scene.nodes.first { $0.id == "account-\(account.name)" })
            // A long grant wraps after its arrow; read the box as one line.
            let text = node.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            for assignment in diagrams.spec.identity.workforce.assignments where assignment.accounts.contains(account.name) {
                #expect(text.contains("\(assignment.group) → \(assignment.permissionSet)"), "\(account.name)")
            }
            if let unit = account.organizationalUnit { #expect(node.group == "ou-\(unit)") }
        }
        for unit in diagrams.spec.organization.organizationalUnits {
            let attached = diagrams.spec.organization.serviceControlPolicies.filter { $0.attachTo.contains(unit.name) }
            let node = scene.nodes.first { $0.id == "scp-\(unit.name)" }
            #expect((node?.lines.count ?? 1) - 1 == attached.count, "\(unit.name)")
        }
    }

    @Test func addressBarsAreToScale() throws {
        let diagrams = try DiagramFixture.diagrams(.committed)
        let scene = diagrams.scene(.addresses)
        for supernet in diagrams.spec.network.addressPlan.supernets {
            let groupID = "supernet-\(supernet.region)-\(supernet.cidr.network)"
            let bar = scene.nodes.filter { $0.group == groupID && !$0.id.contains("-key-") }
            let width = bar.reduce(0) { $0 + $1.rect.width }
            #expect(abs(width - 960) < 0.5, "the bar covers the whole supernet")
            let vpcs = diagrams.spec.network.allVPCs.filter { supernet.cidr.contains($0.layout.cidr) }
            let used = bar.filter { $0.style == .used }
            #expect(used.count == vpcs.count)
            for (node, vpc) in zip(used.sorted { $0.rect.x < $1.rect.x }, vpcs.sorted { $0.layout.cidr < $1.layout.cidr }) {
                let expected = 960 * Double(vpc.layout.cidr.size) / Double(supernet.cidr.size)
                #expect(abs(node.rect.width - expected) < 0.2, "\(vpc.name)")
            }
            let title = try #require(scene.groups.first { $0.id == groupID }?.title)
            #expect(title.contains("VPCs ") && title.hasSuffix("%"), "the share used is in the title: \(title)")
        }
    }

    @Test func everyStackComesInAWaveAfterItsDependencies() throws {
        let diagrams = try DiagramFixture.diagrams(.committed)
        let scene = diagrams.scene(.stacks)
        let nodes = Dictionary(uniqueKeysWithValues: scene.nodes.map { ($0.id, $0) })
        #expect(scene.nodes.filter { $0.id.hasPrefix("stack-") }.count == diagrams.stacks.count)
        for stack in diagrams.stacks {
            let node = try #require(nodes["stack-\(stack.id)"])
            #expect((node.style == .gated) == (stack.blockedBy != nil))
            for dependency in stack.dependsOn {
                let before = try #require(nodes["stack-\(dependency)"])
                #expect(before.rect.maxX < node.rect.x, "\(dependency) before \(stack.id)")
                #expect(scene.edges.contains { $0.from == before.id && $0.to == node.id })
            }
        }
    }

    /// The 500-account / 2,000-VPC spec stays a picture people can read: grouped and counted.
    @Test(arguments: DiagramView.allCases)
    func largeSpecsAreGroupedAndCollapsed(_ view: DiagramView) throws {
        let scene = try DiagramFixture.diagrams(.synthetic).scene(view)
        #expect(scene.nodes.count < 150, "\(scene.nodes.count) boxes")
        #expect(scene.width < 4000 && scene.height < 4000, "\(scene.width) x \(scene.height)")
        if view != .addresses {
            #expect(scene.nodes.contains { $0.style == .collapsed && $0.lines.joined().contains(where: \.isNumber) })
        }
    }
}
