/// Finds every overlapping pair in a set of labelled prefixes in O(n log n + k), so checking an
/// address plan of thousands of VPCs stays fast.
public enum OverlapFinder {
    /// One overlap between two labelled prefixes; `first` is the one that sorts earlier.
    public struct Overlap<Label: Sendable>: Sendable {
        public let first: (label: Label, prefix: IPv4Prefix)
        public let second: (label: Label, prefix: IPv4Prefix)
    }

    public static func overlaps<Label: Sendable>(in items: [(label: Label, prefix: IPv4Prefix)]) -> [Overlap<Label>] {
        // Sorted by start, then widest first: an item overlaps an earlier one iff it starts at or
        // before the end of one still "open". Prefixes nest, so a stack of open prefixes suffices.
        let sorted = items.indices.sorted { a, b in
            let pa = items[a].prefix, pb = items[b].prefix
            return pa.network != pb.network ? pa.network < pb.network : (pa.length, a) < (pb.length, b)
        }
        var open: [Int] = []
        var result: [Overlap<Label>] = []
        for index in sorted {
            let prefix = items[index].prefix
            while let top = open.last, !items[top].prefix.contains(prefix.network) { open.removeLast() }
            for container in open {
                result.append(Overlap(first: items[container], second: items[index]))
            }
            open.append(index)
        }
        return result
    }
}
