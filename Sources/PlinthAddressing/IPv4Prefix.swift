/// An IPv4 network in CIDR form (`10.16.0.0/16`). The address is always the network address:
/// text with host bits set is rejected rather than silently masked, because in an address plan
/// `10.16.1.0/16` is almost always a typo for something else.
public struct IPv4Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let network: IPv4Address
    public let length: Int

    /// Why a piece of text is not a valid prefix; the message is meant for a person.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case missingLength
        case badAddress(String)
        case badLength(String)
        case hostBitsSet(suggested: IPv4Prefix)

        public var description: String {
            switch self {
            case .missingLength: "expected CIDR notation such as 10.0.0.0/16 (missing '/length')"
            case .badAddress(let text): "'\(text)' is not an IPv4 address"
            case .badLength(let text): "prefix length '\(text)' is not a whole number from 0 to 32"
            case .hostBitsSet(let suggested): "host bits are set; the network is \(suggested)"
            }
        }
    }

    /// Creates a prefix, masking host bits; for arithmetic, not for reading user input.
    public init(network: IPv4Address, length: Int) {
        precondition((0...32).contains(length), "prefix length out of range")
        self.length = length
        self.network = IPv4Address(network.value & Self.mask(length))
    }

    public init(parsing text: some StringProtocol) throws(ParseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .missingLength }
        guard let address = IPv4Address(parts[0]) else { throw .badAddress(String(parts[0])) }
        guard parts[1].utf8.count <= 2, parts[1].utf8.allSatisfy({ (48...57).contains($0) }),
            let length = Int(parts[1]), (0...32).contains(length),
            !(parts[1].count == 2 && parts[1].hasPrefix("0"))
        else {
            throw .badLength(String(parts[1]))
        }
        let prefix = IPv4Prefix(network: address, length: length)
        guard prefix.network == address else { throw .hostBitsSet(suggested: prefix) }
        self = prefix
    }

    public static func mask(_ length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    /// Number of addresses, as UInt64 because a /0 holds 2^32.
    public var size: UInt64 { UInt64(1) << UInt64(32 - length) }
    public var first: IPv4Address { network }
    public var last: IPv4Address { IPv4Address(network.value | ~Self.mask(length)) }

    public func contains(_ address: IPv4Address) -> Bool {
        address.value & Self.mask(length) == network.value
    }

    /// True when every address of `other` is inside this prefix.
    public func contains(_ other: IPv4Prefix) -> Bool {
        other.length >= length && contains(other.network)
    }

    /// Prefixes either nest or are disjoint, so overlap means one contains the other.
    public func overlaps(_ other: IPv4Prefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// The `index`-th subnet `newBits` longer than this one, as Terraform's `cidrsubnet` computes it;
    /// nil when it does not exist, so callers can report rather than crash.
    public func subnet(newBits: Int, index: Int) -> IPv4Prefix? {
        let newLength = length + newBits
        guard newBits >= 0, newLength <= 32, index >= 0, UInt64(index) < (UInt64(1) << UInt64(newBits)) else { return nil }
        let offset = UInt32(truncatingIfNeeded: UInt64(index) << UInt64(32 - newLength))
        return IPv4Prefix(network: IPv4Address(network.value | offset), length: newLength)
    }

    public var description: String { "\(network)/\(length)" }

    public static func < (lhs: IPv4Prefix, rhs: IPv4Prefix) -> Bool {
        (lhs.network, lhs.length) < (rhs.network, rhs.length)
    }
}
