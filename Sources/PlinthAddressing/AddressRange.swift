/// Free-space accounting inside a supernet; lets `plinth show` say how much of a region's plan is used.
public enum AddressUsage {
    /// Addresses of `supernet` covered by `allocations` (nested allocations counted once).
    public static func usedAddresses(in supernet: IPv4Prefix, by allocations: [IPv4Prefix]) -> UInt64 {
        let inside = allocations.filter { supernet.contains($0) }.sorted()
        var total: UInt64 = 0
        var coveredUntil: UInt64 = 0  // exclusive end of what is already counted
        for prefix in inside {
            let start = UInt64(prefix.first.value), end = UInt64(prefix.last.value) + 1
            if end <= coveredUntil { continue }
            total += end - max(start, coveredUntil)
            coveredUntil = end
        }
        return total
    }
}
