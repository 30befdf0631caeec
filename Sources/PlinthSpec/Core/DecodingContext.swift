/// Collects every problem found while decoding, so one run reports all errors. Positions are not
/// recorded here: `SpecNode.locate(_:)` finds them from the tree when a diagnostic needs one.
public struct DecodingContext: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(
        _ code: String, at path: SpecPath, _ message: String, location: SourceLocation?,
        hint: String? = nil
    ) {
        diagnostics.append(Diagnostic(.error, code: code, path: path, message: message, location: location, hint: hint))
    }

    /// Reports a value of the wrong kind; returns nil so decoders can `return context.typeMismatch(...)`.
    public mutating func typeMismatch<T>(expected: String, found node: SpecNode, at path: SpecPath) -> T? {
        report("type-mismatch", at: path, "expected \(expected), found \(node.kindDescription)", location: node.location)
        return nil
    }
}
