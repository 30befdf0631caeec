/// A path into the spec document, printed the way people write it: `network.spokes[2].cidr`.
/// Semantic rules report paths; the loader turns them into file positions.
public struct SpecPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = SpecPath()

    public func appending(_ key: String) -> SpecPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    public func appending(index: Int) -> SpecPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    public static func + (lhs: SpecPath, rhs: String) -> SpecPath { lhs.appending(rhs) }
    public static func + (lhs: SpecPath, rhs: Int) -> SpecPath { lhs.appending(index: rhs) }

    public var parent: SpecPath? {
        components.isEmpty ? nil : SpecPath(Array(components.dropLast()))
    }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .key(let key):
                if !out.isEmpty { out.append(".") }
                out.append(key)
            case .index(let index):
                out.append("[\(index)]")
            }
        }
        return out.isEmpty ? "(root)" : out
    }

    public static func < (lhs: SpecPath, rhs: SpecPath) -> Bool { lhs.description < rhs.description }
}
