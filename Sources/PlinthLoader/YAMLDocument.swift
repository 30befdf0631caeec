import PlinthSpec
import Yams

/// Turns YAML text into a `SpecNode` tree with positions. YAML syntax errors become diagnostics
/// rather than thrown errors, so callers treat every problem the same way.
public enum YAMLDocument {
    public enum Outcome: Sendable {
        case document(SpecNode)
        case failure(Diagnostic)
    }

    public static func parse(_ text: String, file: String) -> Outcome {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
        } catch {
            return .failure(Diagnostic(.error, code: "yaml-syntax", path: .root, message: "cannot read YAML: \(error)",
                                       location: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard let root else {
            return .failure(Diagnostic(.error, code: "empty-document", path: .root, message: "the file is empty",
                                       location: SourceLocation(file: file, line: 1, column: 1)))
        }
        return .document(convert(root, file: file))
    }

    private static func convert(_ node: Node, file: String) -> SpecNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            let plain = scalar.style == .plain
            if plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return .null(location) }
            return .scalar(scalar.string, isPlain: plain, location)
        case .mapping(let mapping):
            let entries = mapping.map { pair in
                let keyLocation = SourceLocation(file: file, line: pair.key.mark?.line ?? location.line,
                                                 column: pair.key.mark?.column ?? location.column)
                return SpecNode.Entry(key: pair.key.string ?? "\(pair.key)", keyLocation: keyLocation,
                                      value: convert(pair.value, file: file))
            }
            return .mapping(entries, location)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, file: file) }, location)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one reads as null.
            return .null(location)
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func located(_ mark: Mark?, _ message: String, code: String = "yaml-syntax") -> Diagnostic {
            Diagnostic(.error, code: code, path: .root, message: message,
                       location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return located(mark, "invalid YAML: \(message)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return located(context.mark, "duplicate key \(keys): it appears again later in this mapping", code: "duplicate-key")
        case let .reader(problem, _, _, _):
            return located(nil, "cannot read the file as text: \(problem)", code: "yaml-encoding")
        default:
            return located(nil, "invalid YAML: \(error)")
        }
    }
}
