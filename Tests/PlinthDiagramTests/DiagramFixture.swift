import Foundation
import PlinthDiagram
import PlinthFixtures
import PlinthLoader
import PlinthRender
import PlinthSpec
import Testing

/// The committed platform.yaml and the 500-account / 2,000-VPC synthetic spec, each loaded and
/// rendered once for the whole suite (the synthetic one takes a while in a debug build).
enum DiagramFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    enum Spec: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case committed, synthetic
        var testDescription: String { rawValue }
    }

    static func diagrams(_ which: Spec) throws -> PlatformDiagrams {
        switch which {
        case .committed: try committed.get()
        case .synthetic: try synthetic.get()
        }
    }

    static func loadCommitted() throws -> PlatformDiagrams {
        let result = SpecLoader().load(path: repositoryRoot.appendingPathComponent("platform.yaml").path)
        let spec = try #require(result.spec, "platform.yaml must load: \(result.errors.map(\.description))")
        return PlatformDiagrams(spec: spec, stacks: try StackRenderer(spec: spec, target: .aws).render().stacks)
    }

    private static let committed = Result { try loadCommitted() }
    private static let synthetic = Result {
        let result = SpecLoader().load(yaml: SyntheticPlatform(accounts: 500, vpcs: 2000).yaml(), file: "synthetic.yaml")
        let spec = try #require(result.spec, "the synthetic spec must load: \(result.errors.prefix(3).map(\.description))")
        return PlatformDiagrams(spec: spec, stacks: try StackRenderer(spec: spec, target: .aws).render().stacks)
    }

    /// The committed spec with one stack marked changed and the stacks that read its outputs marked
    /// downstream, as `plinth diagram --affected-since` marks them.
    static func highlighted() throws -> (diagrams: PlatformDiagrams, changed: String, downstream: [String]) {
        var diagrams = try diagrams(.committed)
        let changed = try #require(
            diagrams.stacks.first { candidate in diagrams.stacks.contains { $0.dependsOn.contains(candidate.id) } }?.id)
        let downstream = diagrams.stacks.filter { $0.dependsOn.contains(changed) }.map(\.id)
        diagrams.highlighted = [changed: .changed]
        for id in downstream { diagrams.highlighted[id] = .downstream }
        return (diagrams, changed, downstream)
    }

    /// Every view of both specs, as test arguments.
    static let cases: [(Spec, DiagramView)] = Spec.allCases.flatMap { spec in DiagramView.allCases.map { (spec, $0) } }
}
