import PlinthAddressing
import Testing

@testable import PlinthPreview

@Suite struct PreviewAddressPoolTests {
    static func prefix(_ text: String) throws -> IPv4Prefix { try IPv4Prefix(parsing: text) }

    @Test func cutsThePoolIntoBlocks() throws {
        let pool = try #require(PreviewAddressPool(pool: try Self.prefix("10.28.0.0/14"), prefixLength: 22))
        #expect(pool.capacity == 256)
        let blocks = pool.blocks
        #expect(blocks.count == 256)
        #expect(blocks.first == (try Self.prefix("10.28.0.0/22")))
        #expect(blocks.last == (try Self.prefix("10.31.252.0/22")))
        #expect(Set(blocks).count == 256)
        #expect(blocks.allSatisfy { pool.isBlock($0) })
        #expect(!pool.isBlock(try Self.prefix("10.32.0.0/22")))
        #expect(PreviewAddressPool(pool: try Self.prefix("10.28.0.0/22"), prefixLength: 20) == nil)
    }

    @Test func candidatesSkipTakenBlocksAndWrap() throws {
        let pool = try #require(PreviewAddressPool(pool: try Self.prefix("10.28.0.0/20"), prefixLength: 22))
        let slug = PreviewSlug(branch: "feature/x")
        let all = pool.candidates(for: slug, taken: [])
        #expect(Set(all) == Set(pool.blocks))
        let taken: Set<IPv4Prefix> = [all[0], all[2]]
        let rest = pool.candidates(for: slug, taken: taken)
        #expect(rest == all.filter { !taken.contains($0) })
        #expect(pool.candidates(for: slug, taken: Set(pool.blocks)).isEmpty)
    }
}
