import PlinthAddressing
import PropertyBased
import Testing

@Suite("IPv4 prefixes against a bit-array reference")
struct IPv4PrefixPropertyTests {
    static let octets = Gen.int(in: 0...255).array(of: 4)
    static let length = Gen.int(in: 0...32)

    static func prefix(_ octets: [Int], _ length: Int) -> (IPv4Prefix, [Bool]) {
        let network = ReferenceIPv4.network(ReferenceIPv4.bits(octets), length: length)
        let prefix = IPv4Prefix(network: IPv4Address(ReferenceIPv4.text(network)) ?? IPv4Address(0), length: length)
        return (prefix, network)
    }

    @Test func addressTextRoundTrips() async {
        await propertyCheck(count: 500, input: Self.octets) { octets in
            let text = octets.map(String.init).joined(separator: ".")
            let address = IPv4Address(text)
            #expect(address?.description == text)
            #expect(address.map { ReferenceIPv4.text(ReferenceIPv4.bits(octets)) == $0.description } == true)
        }
    }

    @Test func parsingAcceptsExactlyNetworkAddresses() async {
        await propertyCheck(count: 500, input: Self.octets, Self.length) { octets, length in
            let text = "\(octets.map(String.init).joined(separator: "."))/\(length)"
            let bits = ReferenceIPv4.bits(octets)
            let isNetwork = ReferenceIPv4.network(bits, length: length) == bits
            let parsed = Result { try IPv4Prefix(parsing: text) }
            switch parsed {
            case .success(let prefix):
                #expect(isNetwork)
                #expect(prefix.description == text)
            case .failure(let error):
                #expect(!isNetwork)
                let expected = "\(ReferenceIPv4.text(ReferenceIPv4.network(bits, length: length)))/\(length)"
                #expect(
                    (error as? IPv4Prefix.ParseError)
                        == .hostBitsSet(suggested: (try? IPv4Prefix(parsing: expected)) ?? IPv4Prefix(network: IPv4Address(0), length: 0)))
            }
        }
    }

    @Test func containmentAndOverlapMatchReference() async {
        await propertyCheck(count: 1000, input: Self.octets, Self.length, Self.octets, Self.length) { a, la, b, lb in
            let (pa, ra) = Self.prefix(a, la)
            // Half the time derive b from a so nested prefixes are common, not just disjoint ones.
            let bOctets = lb % 2 == 0 ? a : b
            let (pb, rb) = Self.prefix(bOctets, lb)
            #expect(pa.contains(pb) == ReferenceIPv4.contains(outer: (ra, la), inner: (rb, lb)))
            #expect(pb.contains(pa) == ReferenceIPv4.contains(outer: (rb, lb), inner: (ra, la)))
            #expect(pa.overlaps(pb) == ReferenceIPv4.overlaps((ra, la), (rb, lb)))
        }
    }

    @Test func sizeFirstAndLastMatchReference() async {
        await propertyCheck(count: 500, input: Self.octets, Self.length) { octets, length in
            let (prefix, network) = Self.prefix(octets, length)
            #expect(prefix.size == UInt64(1) << UInt64(32 - length))
            #expect(prefix.first.description == ReferenceIPv4.text(network))
            let last = network.enumerated().map { $0.offset < length ? $0.element : true }
            #expect(prefix.last.description == ReferenceIPv4.text(last))
        }
    }

    @Test func subnetMatchesCidrsubnetReference() async {
        await propertyCheck(count: 1000, input: Self.octets, Gen.int(in: 8...28), Gen.int(in: 0...8), Gen.int(in: 0...300)) {
            octets, length, newBits, index in
            let (prefix, network) = Self.prefix(octets, length)
            let subnet = prefix.subnet(newBits: newBits, index: index)
            guard length + newBits <= 32, index < 1 << newBits else {
                #expect(subnet == nil)
                return
            }
            let reference = ReferenceIPv4.subnet((network, length), newBits: newBits, index: index)
            #expect(subnet?.description == "\(ReferenceIPv4.text(reference.0))/\(reference.1)")
            #expect(subnet.map { prefix.contains($0) } == true)
        }
    }

    @Test func overlapFinderMatchesBruteForce() async {
        let prefixes = Gen.int(in: 0...255).array(of: 4).array(of: 2...40)
        await propertyCheck(count: 200, input: prefixes, Gen.int(in: 0...1_000_000)) { list, seed in
            // Lengths from 8 to 24 within 10.0.0.0/8 make overlaps frequent.
            let items: [(label: Int, prefix: IPv4Prefix)] = list.enumerated().map { offset, octets in
                let length = 8 + (octets[3] + seed) % 17
                let address = IPv4Address("10.\(octets[1]).\(octets[2]).\(octets[3])") ?? IPv4Address(0)
                return (offset, IPv4Prefix(network: address, length: length))
            }
            let found = Set(OverlapFinder.overlaps(in: items).map { Set([$0.first.label, $0.second.label]) })
            var expected = Set<Set<Int>>()
            for i in items.indices {
                for j in items.indices where i < j && items[i].prefix.overlaps(items[j].prefix) { expected.insert([i, j]) }
            }
            #expect(found == expected)
            #expect(OverlapFinder.overlaps(in: items).count == expected.count, "each pair reported once")
        }
    }

    @Test func usedAddressesCountsNestedAllocationsOnce() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...255).array(of: 1...12), Gen.int(in: 16...24)) { thirds, length in
            let supernet = IPv4Prefix(network: IPv4Address(0x0A00_0000), length: 8)
            let allocations = thirds.map {
                IPv4Prefix(network: IPv4Address(0x0A00_0000 | UInt32($0) << 16 | UInt32($0 % 7) << 8), length: length)
            }
            // Reference: count distinct /24 blocks covered, each of 256 addresses.
            var blocks = Set<UInt32>()
            for allocation in allocations {
                let count = UInt32(1) << UInt32(24 - allocation.length)
                for block in 0..<count { blocks.insert(allocation.network.value >> 8 + block) }
            }
            #expect(AddressUsage.usedAddresses(in: supernet, by: allocations) == UInt64(blocks.count) * 256)
        }
    }

    @Test(arguments: [
        "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "10.00.0.0/8", "10.0.0.0/08", " 10.0.0.0/8", "a.b.c.d/8", "10.0.0.0/",
    ])
    func malformedPrefixesAreRejected(_ text: String) {
        #expect(throws: IPv4Prefix.ParseError.self) { try IPv4Prefix(parsing: text) }
    }
}
