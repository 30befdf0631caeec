import Foundation
import PlinthLoader
import PlinthRender
import PlinthSpec
import Testing

@testable import PlinthGuardrails

/// The repository's platform.yaml and the committed plan fixtures, checked the way `plinth check`
/// checks them, with a fixed date so waiver expiry does not depend on the day the tests run.
enum GuardrailFixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let plansDirectory = fixtures.appendingPathComponent("plans")
    static let specText = (try? String(contentsOf: repositoryRoot.appendingPathComponent("platform.yaml"), encoding: .utf8)) ?? ""
    static let modules = ModuleCatalog.load(directory: repositoryRoot.appendingPathComponent("platform-modules").path)
    static let today = "2026-12-07"

    /// The committed plans, read once.
    static let committedPlans: [PlanDocument] = {
        let stacks = (try? StackRenderer(spec: load(specText).spec ?? PlatformSpec(), target: .aws).render().stacks.map(\.id)) ?? []
        return (try? PlanLoader.load(directory: plansDirectory.path, knownStacks: Set(stacks))) ?? []
    }()

    static func load(_ text: String) -> LoadResult {
        SpecLoader(baseDirectory: repositoryRoot.path).load(yaml: text, file: "platform.yaml")
    }

    /// Checks a spec text (and plans); records an issue and returns nil when the spec is not valid.
    static func check(
        _ text: String = specText, plans: [PlanDocument] = [], today: String = today,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> CheckReport? {
        let loaded = load(text)
        guard let spec = loaded.spec else {
            Issue.record("spec is invalid: \(loaded.errors.map(\.description))", sourceLocation: sourceLocation)
            return nil
        }
        let rendered = try StackRenderer(spec: spec, target: .aws).render()
        let input = GuardrailInput(
            spec: spec, specFile: "platform.yaml", document: loaded.document, rendered: rendered, moduleResourceTypes: modules,
            plans: plans, today: today)
        return try GuardrailCheck.run(input)
    }

    /// (rule, subject) of every unwaived finding.
    static func failing(_ report: CheckReport) -> Set<String> {
        Set(report.results.filter { !$0.isWaived }.map { "\($0.rule.id) \($0.finding.subject)" })
    }

    /// 1-based line on which the first occurrence of `needle` ends, so a multi-line needle can
    /// name a line by what precedes it.
    static func line(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[text.startIndex..<range.upperBound].filter { $0 == "\n" }.count + 1
    }
}

extension JSONValue {
    /// A copy with the value at a dotted path (`rule.0.status`) replaced, or removed when `value` is nil.
    func setting(_ path: ArraySlice<String>, to value: JSONValue?) -> JSONValue {
        guard let head = path.first else { return value ?? .null }
        let rest = path.dropFirst()
        switch self {
        case .object(var pairs):
            if let index = pairs.firstIndex(where: { $0.0 == head }) {
                if rest.isEmpty, value == nil {
                    pairs.remove(at: index)
                } else {
                    pairs[index].1 = pairs[index].1.setting(rest, to: value)
                }
            } else if let value, rest.isEmpty {
                pairs.append((head, value))
            }
            return .object(pairs)
        case .array(var items):
            guard let index = Int(head), items.indices.contains(index) else { return self }
            items[index] = items[index].setting(rest, to: value)
            return .array(items)
        default:
            return self
        }
    }
}
