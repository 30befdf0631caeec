import PlinthAddressing

extension IPv4Prefix: SpecDecodable {
    public static func decode(_ node: SpecNode, at path: SpecPath, in context: inout DecodingContext) -> IPv4Prefix? {
        guard case .scalar(let text, _, let location) = node else {
            return context.typeMismatch(expected: "a CIDR block such as 10.0.0.0/16", found: node, at: path)
        }
        do {
            return try IPv4Prefix(parsing: text)
        } catch {
            context.report("invalid-cidr", at: path, "'\(text)' is not a valid CIDR block: \(error)", location: location)
            return nil
        }
    }

    public static var schema: JSONValue {
        ["type": "string", "pattern": #"^(\d{1,3}\.){3}\d{1,3}/\d{1,2}$"#, "description": "IPv4 CIDR block, network address only"]
    }
}

/// A lowercase, hyphenated name usable in AWS resource names, DNS labels and Terraform addresses.
public struct Name: SpecPatternString, Comparable, CustomStringConvertible, ExpressibleByStringLiteral, Codable {
    public let rawValue: String
    public init?(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public static let pattern = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
    public static let patternDescription = "a lowercase name such as 'shared-services' (letters, digits, single hyphens)"
    public static func matches(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 63,
            !text.hasSuffix("-"), !text.contains("--")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
    public var description: String { rawValue }
    public static func < (lhs: Name, rhs: Name) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An AWS region code such as `us-east-1`.
public struct Region: SpecPatternString, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init?(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public static let pattern = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$"
    public static let patternDescription = "an AWS region code such as 'us-east-1'"
    public static func matches(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), parts[0].count == 2, let last = parts.last, last.count == 1,
            last.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
    }
    public var description: String { rawValue }
    /// Short form used in names: `us-east-1` → `use1`.
    public var shortName: String {
        let parts = rawValue.split(separator: "-")
        return parts.dropLast().map { $0.count > 2 ? String($0.prefix(1)) : String($0) }.joined() + (parts.last.map(String.init) ?? "")
    }
    public static func < (lhs: Region, rhs: Region) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An availability zone name such as `us-east-1a`; it names its region.
public struct AvailabilityZone: SpecPatternString, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init?(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public static let pattern = "^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$"
    public static let patternDescription = "an availability zone such as 'us-east-1a'"
    public static func matches(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last, ("a"..."z").contains(last) else { return false }
        return Region.matches(String(text.dropLast()))
    }
    public var region: Region { Region(stringLiteral: String(rawValue.dropLast())) }
    public var description: String { rawValue }
    public static func < (lhs: AvailabilityZone, rhs: AvailabilityZone) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A permission in `resource:action` form, such as `patient_record:read`.
public struct PermissionName: SpecPatternString, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init?(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public static let pattern = "^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$"
    public static let patternDescription = "a permission in resource:action form such as 'patient_record:read'"
    public static func matches(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { part in
                guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
                return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            }
    }
    public var resource: String { String(rawValue.prefix { $0 != ":" }) }
    public var action: String { String(rawValue.drop { $0 != ":" }.dropFirst()) }
    public var description: String { rawValue }
    public static func < (lhs: PermissionName, rhs: PermissionName) -> Bool { lhs.rawValue < rhs.rawValue }
}
