/// An independent model of IPv4 prefixes for checking PlinthAddressing: addresses as arrays of 32
/// bits and prefixes as bit-prefix equality, with no shifts or masks shared with the code under test.
enum ReferenceIPv4 {
    static func bits(_ octets: [Int]) -> [Bool] {
        octets.flatMap { octet in (0..<8).map { bit in (octet / (1 << (7 - bit))) % 2 == 1 } }
    }

    static func octets(_ bits: [Bool]) -> [Int] {
        stride(from: 0, to: 32, by: 8).map { start in bits[start..<start + 8].reduce(0) { $0 * 2 + ($1 ? 1 : 0) } }
    }

    static func text(_ bits: [Bool]) -> String { octets(bits).map(String.init).joined(separator: ".") }

    /// The network of `bits` at `length`: the first `length` bits kept, the rest cleared.
    static func network(_ bits: [Bool], length: Int) -> [Bool] {
        bits.enumerated().map { $0.offset < length ? $0.element : false }
    }

    /// `inner` lies in `outer` when it is at least as long and they agree on outer's bits.
    static func contains(outer: ([Bool], Int), inner: ([Bool], Int)) -> Bool {
        inner.1 >= outer.1 && (0..<outer.1).allSatisfy { outer.0[$0] == inner.0[$0] }
    }

    static func overlaps(_ a: ([Bool], Int), _ b: ([Bool], Int)) -> Bool {
        contains(outer: a, inner: b) || contains(outer: b, inner: a)
    }

    /// Terraform's cidrsubnet: write `index` in binary into the `newBits` bits after the prefix.
    static func subnet(_ base: ([Bool], Int), newBits: Int, index: Int) -> ([Bool], Int) {
        var bits = base.0
        for position in 0..<newBits {
            bits[base.1 + position] = (index / (1 << (newBits - 1 - position))) % 2 == 1
        }
        return (bits, base.1 + newBits)
    }
}
