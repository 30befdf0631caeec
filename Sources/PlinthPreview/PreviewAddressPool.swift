import PlinthAddressing

/// The preview pool cut into equal blocks, one per preview VPC.
public struct PreviewAddressPool: Sendable, Equatable {
    public let pool: IPv4Prefix
    public let prefixLength: Int

    /// Nil when a block of `prefixLength` does not fit the pool.
    public init?(pool: IPv4Prefix, prefixLength: Int) {
        guard prefixLength >= pool.length, prefixLength <= 32 else { return nil }
        self.pool = pool
        self.prefixLength = prefixLength
    }

    /// How many previews the pool holds.
    public var capacity: Int { 1 << min(prefixLength - pool.length, 30) }

    /// Every block, in address order.
    public var blocks: [IPv4Prefix] {
        (0..<capacity).compactMap { pool.subnet(newBits: prefixLength - pool.length, index: $0) }
    }

    /// The free blocks, starting at a place that depends on the slug and wrapping around, so that
    /// callers racing for a range mostly try different ones first.
    public func candidates(for slug: PreviewSlug, taken: Set<IPv4Prefix>) -> [IPv4Prefix] {
        let all = blocks
        guard !all.isEmpty else { return [] }
        let start = Int(UInt32(PreviewSlug.hash(slug.value), radix: 16) ?? 0) % all.count
        return (all[start...] + all[..<start]).filter { !taken.contains($0) }
    }

    /// Whether `cidr` is one of the pool's blocks.
    public func isBlock(_ cidr: IPv4Prefix) -> Bool {
        cidr.length == prefixLength && pool.contains(cidr)
    }
}
