import PlinthRender
import PlinthSpec

/// The pictures of the platform `plinth diagram` draws.
public enum DiagramView: String, Sendable, CaseIterable {
    /// Regions, hubs and their Transit Gateways, spokes by environment, peering, VPN and Direct
    /// Connect (gated while blocked), PrivateLink and CloudFront.
    case network
    /// The organization tree: OUs, accounts, SCP attachments and permission sets per Okta group.
    case accounts
    /// Each supernet as a bar with its VPCs, the preview pool and reserved ranges to scale.
    case addresses
    /// The stack graph in apply waves, coloured by account.
    case stacks
}

/// How a diagram is written out.
public enum DiagramFormat: String, Sendable, CaseIterable {
    /// Self-contained SVG laid out by Plinth.
    case svg
    /// A Mermaid flowchart, as GitHub renders it in Markdown.
    case mermaid
    /// Graphviz dot.
    case dot
}

/// Draws a spec: builds the scene of a view and writes it in a format. Pure, so the same spec
/// always gives the same bytes; the stack descriptors come from the renderer so the stacks view
/// shows the apply order `plinth up` uses.
public struct PlatformDiagrams: Sendable {
    public var spec: PlatformSpec
    public var stacks: [StackDescriptor]
    /// Stacks to mark in the stacks view by id (what `plinth affected` found); the other views ignore it.
    public var highlighted: [String: DiagramHighlight]

    public init(spec: PlatformSpec, stacks: [StackDescriptor], highlighted: [String: DiagramHighlight] = [:]) {
        self.spec = spec
        self.stacks = stacks
        self.highlighted = highlighted
    }

    public func scene(_ view: DiagramView) -> DiagramScene {
        switch view {
        case .network: NetworkLayout(spec: spec).scene()
        case .accounts: AccountsLayout(spec: spec).scene()
        case .addresses: AddressesLayout(spec: spec).scene()
        case .stacks: StacksLayout(spec: spec, stacks: stacks, highlighted: highlighted).scene()
        }
    }

    public func render(_ view: DiagramView, as format: DiagramFormat) -> String {
        let scene = scene(view)
        switch format {
        case .svg: return SVGWriter.svg(scene)
        case .mermaid: return MermaidWriter.mermaid(scene, direction: view == .accounts ? "TB" : "LR")
        case .dot: return DotWriter.dot(scene, rankDirection: view == .accounts ? "TB" : "LR")
        }
    }

    /// The SVG of every view by file name (`network.svg`, ...): what `plinth render` keeps in docs/diagrams/.
    public func committedFiles() -> [String: String] {
        Dictionary(uniqueKeysWithValues: DiagramView.allCases.map { ("\($0.rawValue).svg", render($0, as: .svg)) })
    }
}

extension PlatformSpec {
    /// The name diagrams title themselves with: the display name, or the short name without one.
    var diagramName: String { platform.displayName.isEmpty ? platform.name.rawValue : platform.displayName }

    /// How a gated capability is described in a box: enabled, or the blocker that holds it back and where that stands.
    func gateLines(enabled: Bool, blockedBy: Name?) -> [String] {
        guard !enabled else { return ["enabled"] }
        guard let blockedBy else { return ["switched off"] }
        let status = blockers.first { $0.id == blockedBy }?.status.rawValue ?? "unknown"
        return ["GATED until blocker", blockedBy.rawValue, "(\(status))"]
    }
}

/// Small text helpers the layouts share.
enum Counted {
    /// `1950` as `1,950`.
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `3 spokes`, `1 spoke`.
    static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
