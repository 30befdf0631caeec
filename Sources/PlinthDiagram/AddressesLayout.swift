import PlinthAddressing
import PlinthSpec

/// The addresses view: each supernet as a bar of its address space, every VPC, the preview pool
/// and reserved ranges placed to scale, numbered, with a legend row per number and the share
/// used. A supernet with many VPCs merges adjacent ranges of the same kind into one segment.
struct AddressesLayout {
    let spec: PlatformSpec
    /// Ranges in a supernet above which adjacent ranges of the same kind merge.
    static let segmentsBeforeMerging = 12
    static let barWidth = 960.0, barHeight = 34.0

    /// A range as drawn: one VPC, the pool, a reserved range, or several merged.
    private struct Segment {
        var name: String
        var start: UInt64
        var end: UInt64
        var style: DiagramStyle
        var count: Int
        var first: IPv4Prefix
    }

    func scene() -> DiagramScene {
        let plan = spec.network.addressPlan
        let name = spec.diagramName
        var scene = DiagramScene(title: "\(name) address plan", summary: "")
        var summary: [String] = []
        let margin = DiagramMetrics.margin
        scene.labels.append(
            DiagramLabel(
                text: "\(name) address plan: each supernet to scale, with its VPCs, preview pool and reserved ranges",
                at: DiagramPoint(x: margin, y: margin), fontSize: DiagramMetrics.titleFontSize, bold: true))
        var y = margin + 36
        let inner = margin + DiagramMetrics.groupPadding
        let lineHeight = DiagramMetrics.lineHeight()
        for supernet in plan.supernets {
            let groupID = "supernet-\(supernet.region)-\(supernet.cidr.network)"
            let top = y
            let segments = self.segments(in: supernet.cidr)
            let size = Double(supernet.cidr.size)
            let vpcs = segments.filter { $0.style == .used }.reduce(UInt64(0)) { $0 + $1.end - $1.start }
            let pool = segments.filter { $0.style == .pool }.reduce(UInt64(0)) { $0 + $1.end - $1.start }
            let reserved = segments.filter { $0.style == .reserved }.reduce(UInt64(0)) { $0 + $1.end - $1.start }
            let used =
                "VPCs \(percent(Double(vpcs) / size)), preview pool \(percent(Double(pool) / size))"
                + (reserved > 0 ? ", reserved \(percent(Double(reserved) / size))" : "")
                + ", free \(percent(Double(supernet.cidr.size - vpcs - pool - reserved) / size))"
            let title = "\(supernet.region) supernet \(supernet.cidr) · \(Counted.number(Int(supernet.cidr.size))) addresses · \(used)"
            summary.append("Supernet \(supernet.cidr) of \(supernet.region): \(used).")
            y += DiagramMetrics.groupHeader
            // Bar: boundaries rounded once each so neighbouring segments share an edge exactly.
            var cursor = supernet.cidr.network.value.toUInt64
            var pieces: [(Segment?, UInt64, UInt64)] = []
            for segment in segments {
                if segment.start > cursor { pieces.append((nil, cursor, segment.start)) }
                pieces.append((segment, segment.start, segment.end))
                cursor = segment.end
            }
            let end = supernet.cidr.network.value.toUInt64 + supernet.cidr.size
            if cursor < end { pieces.append((nil, cursor, end)) }
            func position(_ address: UInt64) -> Double {
                let offset = Double(address - supernet.cidr.network.value.toUInt64) / size
                return ((inner + offset * Self.barWidth) * 10).rounded() / 10
            }
            var number = 0
            var legend: [(Int, Segment)] = []
            var drawnTo = inner
            for (index, piece) in pieces.enumerated() {
                // A range too small for a tenth of a pixel still gets one, so it keeps its number and row.
                let x0 = max(position(piece.1), drawnTo), x1 = max(position(piece.2), piece.0 == nil ? x0 : x0 + 0.1)
                guard x1 > x0 else { continue }
                drawnTo = x1
                let rect = DiagramRect(x: x0, y: y, width: x1 - x0, height: Self.barHeight)
                guard let segment = piece.0 else {
                    var free = DiagramNode(
                        id: "\(groupID)-free-\(index)", lines: ["free"], rect: rect, style: .free, group: groupID, showsText: false)
                    free.decoration = true
                    scene.nodes.append(free)
                    continue
                }
                number += 1
                legend.append((number, segment))
                let label = "\(number)"
                let fits = DiagramMetrics.textWidth(label) + 2 * DiagramMetrics.paddingX <= x1 - x0
                var node = DiagramNode(
                    id: "\(groupID)-\(number)", lines: [label], rect: rect, style: segment.style, group: groupID, showsText: fits)
                node.detail = [description(segment, of: supernet.cidr)]
                scene.nodes.append(node)
            }
            y += Self.barHeight + 6
            scene.labels.append(DiagramLabel(text: "\(supernet.cidr.network)", at: DiagramPoint(x: inner, y: y)))
            let lastText = "\(supernet.cidr.last)"
            scene.labels.append(
                DiagramLabel(text: lastText, at: DiagramPoint(x: inner + Self.barWidth - DiagramMetrics.textWidth(lastText), y: y)))
            y += lineHeight + 8
            for (number, segment) in legend {
                let swatch = DiagramRect(x: inner, y: y + 2, width: 12, height: lineHeight - 4)
                var key = DiagramNode(
                    id: "\(groupID)-key-\(number)", lines: [""], rect: swatch, style: segment.style, group: groupID, showsText: false)
                key.decoration = true
                scene.nodes.append(key)
                scene.labels.append(
                    DiagramLabel(text: "\(number)  " + description(segment, of: supernet.cidr), at: DiagramPoint(x: inner + 20, y: y)))
                summary.append("\(segment.name) \(range(segment)).")
                y += lineHeight + 2
            }
            y += DiagramMetrics.groupPadding
            scene.groups.append(
                DiagramGroup(
                    id: groupID, title: DiagramMetrics.fit(title, width: Self.barWidth + 2 * DiagramMetrics.groupPadding),
                    rect: DiagramRect(x: margin, y: top, width: Self.barWidth + 2 * DiagramMetrics.groupPadding, height: y - top),
                    style: .supernet))
            y += 20
        }
        let outside = plan.reserved.filter { range in !plan.supernets.contains { $0.cidr.overlaps(range.cidr) } }
        if !outside.isEmpty {
            let top = y
            y += DiagramMetrics.groupHeader
            for range in outside {
                let swatch = DiagramRect(x: inner, y: y + 2, width: 12, height: lineHeight - 4)
                let text = "\(range.name)  \(range.cidr)  \(Counted.number(Int(range.cidr.size))) addresses"
                scene.nodes.append(
                    DiagramNode(
                        id: "reserved-\(range.name)", lines: [text], rect: swatch, style: .reserved, group: "reserved", showsText: false))
                scene.labels.append(DiagramLabel(text: text, at: DiagramPoint(x: inner + 20, y: y)))
                summary.append("Reserved \(range.name) \(range.cidr), outside every supernet.")
                y += lineHeight + 2
            }
            y += DiagramMetrics.groupPadding
            scene.groups.append(
                DiagramGroup(
                    id: "reserved", title: "reserved ranges outside the supernets (no VPC may overlap them)",
                    rect: DiagramRect(x: margin, y: top, width: Self.barWidth + 2 * DiagramMetrics.groupPadding, height: y - top),
                    style: .supernet))
        }
        scene.summary = summary.joined(separator: " ")
        scene.finish()
        return scene
    }

    /// The ranges inside `supernet`, in address order, merged by kind when there are many.
    private func segments(in supernet: IPv4Prefix) -> [Segment] {
        let network = spec.network
        var ranges: [(String, IPv4Prefix, DiagramStyle)] = network.allVPCs.map { ($0.name.rawValue, $0.layout.cidr, DiagramStyle.used) }
        ranges.append(("preview pool", network.addressPlan.previewPool.cidr, .pool))
        ranges += network.addressPlan.reserved.map { ($0.name, $0.cidr, .reserved) }
        let inside = ranges.filter { supernet.contains($0.1) }.sorted {
            ($0.1.network, $0.1.length, $0.0) < ($1.1.network, $1.1.length, $1.0)
        }
        var result: [Segment] = []
        for (name, prefix, style) in inside {
            let start = prefix.network.value.toUInt64, end = start + prefix.size
            // Overlapping ranges are a validation error; draw what is left of a range after the one before it.
            let clipped = max(start, result.last?.end ?? start)
            guard end > clipped else { continue }
            if inside.count > Self.segmentsBeforeMerging, var last = result.last, last.style == style, last.end == clipped {
                last.end = end
                last.count += 1
                result[result.count - 1] = last
                continue
            }
            result.append(Segment(name: name, start: clipped, end: end, style: style, count: 1, first: prefix))
        }
        return result
    }

    private func description(_ segment: Segment, of supernet: IPv4Prefix) -> String {
        let share = percent(Double(segment.end - segment.start) / Double(supernet.size))
        let what = segment.count > 1 ? "\(Counted.noun(segment.count, "VPC")) from \(segment.name)" : segment.name
        return "\(what)  \(range(segment))  \(Counted.number(Int(segment.end - segment.start))) addresses  \(share)"
    }

    private func range(_ segment: Segment) -> String {
        segment.count == 1 && segment.end - segment.start == segment.first.size
            ? "\(segment.first)"
            : "\(IPv4Address(UInt32(truncatingIfNeeded: segment.start))) – \(IPv4Address(UInt32(truncatingIfNeeded: segment.end - 1)))"
    }

    private func percent(_ fraction: Double) -> String {
        if fraction > 0, fraction < 0.0005 { return "<0.1%" }
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension UInt32 {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}
