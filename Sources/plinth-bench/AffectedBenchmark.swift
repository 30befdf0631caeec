import ArgumentParser
import Foundation
import PlinthDelivery
import PlinthFixtures
import PlinthLoader
import PlinthRender
import PlinthSpec

/// Times `plinth affected` on the synthetic 500-account spec: both sides loaded and rendered (every
/// stack's files built as JSON values, compared by the text they render to without writing it out),
/// then compared, with a spec change (prod's log retention) and a changed module (observability), for
/// the issue's 2 s target. The total is `AffectedFinder.compare`, which works on the two sides side
/// by side as `plinth affected` does; one sequential run splits it into its phases. Git's export of
/// the base is left out: it copies the repository's files, whatever the spec's size.
struct AffectedBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affected",
        abstract: "Load, render and compare two versions of the synthetic 500-account spec, as `plinth affected` does; prints figures."
    )

    @Option(help: "Accounts of the synthetic spec.") var accounts = 500
    @Option(help: "VPCs (hubs and spokes) of the synthetic spec.") var vpcs = 2000
    @Option(help: "Timed runs; the median is reported.") var iterations = 5

    func run() throws {
        let base = SyntheticPlatform(accounts: accounts, vpcs: vpcs).yaml()
        guard base.contains("    prod: 30\n") else { throw ValidationError("the synthetic spec no longer sets prod's log retention") }
        let head = base.replacingOccurrences(of: "    prod: 30\n", with: "    prod: 90\n")
        let clock = ContinuousClock()
        // One sequential run, for where the time goes.
        var old: PlatformSpec?, new: PlatformSpec?
        var oldTree: RenderedStacks?, newTree: RenderedStacks?
        var failure: (any Error)?
        let load = clock.measure {
            do { (old, new) = (try Self.load(base, "base.yaml"), try Self.load(head, "head.yaml")) } catch { failure = error }
        }
        guard failure == nil, let old, let new else { throw failure ?? ValidationError("no spec") }
        let render = clock.measure {
            do {
                oldTree = try StackRenderer(spec: old, target: .aws).renderStacks()
                newTree = try StackRenderer(spec: new, target: .aws).renderStacks()
            } catch { failure = error }
        }
        guard failure == nil, let oldTree, let newTree else { throw failure ?? ValidationError("no render") }
        let compare = try clock.measure {
            _ = try AffectedStacks.compare(
                base: oldTree, head: newTree, changedModules: ["observability"], deployRoles: AffectedFinder.deployRoles(new))
        }
        var totals: [Double] = []
        var last: AffectedStacks?
        for _ in 0..<max(1, iterations) {
            totals.append(
                Self.milliseconds(
                    try clock.measure {
                        last = try AffectedFinder.compare(baseYAML: base, headYAML: head, changedModules: ["observability"])
                    }))
        }
        let affected = last?.stacks ?? []
        print("plinth affected, synthetic \(accounts) accounts / \(vpcs) VPCs, both sides (median of \(totals.count) runs)")
        print("  affected stacks: \(affected.count) (\(affected.filter(\.downstreamOnly).count) only downstream)")
        print(
            "  one side after the other: load both \(Self.fixed(Self.milliseconds(load))) ms, render both \(Self.fixed(Self.milliseconds(render))) ms, compare \(Self.fixed(Self.milliseconds(compare))) ms"
        )
        let total = Self.median(totals)
        print("  target: under 2 s: \(total < 2000 ? "met" : "NOT met") (\(Self.fixed(total)) ms in all, both sides at once)")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
    static func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
    static func fixed(_ value: Double) -> String { String(format: "%.0f", value) }

    static func load(_ yaml: String, _ name: String) throws -> PlatformSpec {
        let result = SpecLoader().load(yaml: yaml, file: name)
        guard let spec = result.spec else { throw ValidationError("\(name) did not validate: \(result.errors.first?.description ?? "")") }
        return spec
    }
}
