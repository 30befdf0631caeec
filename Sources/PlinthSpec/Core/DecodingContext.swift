/// Collects every problem found while decoding, and where each value stood, so one run reports
/// all errors and semantic rules can later point at file positions by path.
public struct DecodingContext: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Position of every value decoded, by path; also of keys (for unknown-key reports).
    public private(set) var locations: [SpecPath: SourceLocation] = [:]
    /// Position of the key that introduced each value, where there was one.
    public private(set) var keyLocations: [SpecPath: SourceLocation] = [:]

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(_ code: String, at path: SpecPath, _ message: String, location: SourceLocation,
                                hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, path: path, message: message, location: location, hint: hint))
    }

    public mutating func record(_ path: SpecPath, _ location: SourceLocation, key: SourceLocation? = nil) {
        locations[path] = location
        if let key { keyLocations[path] = key }
    }

    /// Reports a value of the wrong kind; returns nil so decoders can `return context.typeMismatch(...)`.
    public mutating func typeMismatch<T>(expected: String, found node: SpecNode, at path: SpecPath) -> T? {
        report("type-mismatch", at: path, "expected \(expected), found \(node.kindDescription)", location: node.location)
        return nil
    }
}
