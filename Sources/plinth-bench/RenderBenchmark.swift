import ArgumentParser
import Foundation
import PlinthFixtures
import PlinthLoader
import PlinthRender
import PlinthSpec

/// Times `plinth render` on platform.yaml and on generated specs, for the issue's 200 ms target and to
/// show how rendering grows with the number of accounts and VPCs.
struct RenderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render Terraform stacks from platform.yaml and from the synthetic 500-account spec; prints figures."
    )

    @Option(help: "Path of platform.yaml.") var spec = "platform.yaml"
    @Option(help: "Accounts of the synthetic spec.") var accounts = 500
    @Option(help: "VPCs (hubs and spokes) of the synthetic spec.") var vpcs = 2000
    @Option(help: "Timed runs per case; the median is reported.") var iterations = 5
    @Option(help: "Also keep the last render of platform.yaml in this directory (for inspection).") var keep: String?

    func run() throws {
        print("render Terraform stacks (median of \(iterations) runs; load = parse + validate)")
        print(
            pad("CASE", 26) + pad("STACKS", 8) + pad("FILES", 8) + pad("MiB", 7) + pad("LOAD ms", 10) + pad("RENDER ms", 11)
                + pad("COMPARE ms", 12) + "WRITE ms")
        if FileManager.default.fileExists(atPath: spec) {
            let yaml = try String(contentsOfFile: spec, encoding: .utf8)
            try measure(label: "platform.yaml", yaml: yaml, target: .aws, write: true)
            try measure(label: "platform.yaml (local)", yaml: yaml, target: .local(endpoint: "http://127.0.0.1:5000"), write: false)
        }
        let synthetic = SyntheticPlatform(accounts: accounts, vpcs: vpcs)
        try measure(label: "synthetic \(synthetic.accounts)a/\(synthetic.vpcs)v", yaml: synthetic.yaml(), target: .aws, write: true)
    }

    private func measure(label: String, yaml: String, target: RenderTarget, write: Bool) throws {
        let clock = ContinuousClock()
        var loads: [Double] = [], renders: [Double] = [], writes: [Double] = [], compares: [Double] = []
        var last: RenderedInfrastructure?
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-bench-render-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for _ in 0..<max(1, iterations) {
            var result: LoadResult?
            loads.append(milliseconds(clock.measure { result = SpecLoader().load(yaml: yaml, file: label) }))
            guard let platform = result?.spec else {
                throw ValidationError("\(label) did not validate: \(result?.errors.first?.description ?? "no result")")
            }
            var rendered: RenderedInfrastructure?
            var failure: Error?
            renders.append(
                milliseconds(
                    clock.measure {
                        do { rendered = try StackRenderer(spec: platform, target: target).render() } catch { failure = error }
                    }))
            if let failure { throw failure }
            guard let rendered else { return }
            if write {
                var writeFailure: Error?
                writes.append(
                    milliseconds(
                        clock.measure {
                            do { try rendered.write(to: scratch.appendingPathComponent("infrastructure")) } catch { writeFailure = error }
                        }))
                if let writeFailure { throw writeFailure }
                // What an unchanged `plinth render` does: compare with the tree on disk, write nothing.
                compares.append(
                    milliseconds(clock.measure { _ = rendered.differences(from: scratch.appendingPathComponent("infrastructure")) }))
            }
            last = rendered
        }
        if let keep, label == "platform.yaml", let last { try last.write(to: URL(fileURLWithPath: keep)) }
        guard let last else { return }
        let bytes = last.files.values.reduce(0) { $0 + $1.utf8.count }
        print(
            pad(label, 26) + pad(String(last.stacks.count), 8) + pad(String(last.files.count), 8) + pad(fixed(Double(bytes) / 1_048_576), 7)
                + pad(fixed(median(loads)), 10) + pad(fixed(median(renders)), 11) + pad(write ? fixed(median(compares)) : "-", 12)
                + (write ? fixed(median(writes)) : "-"))
        if label == "platform.yaml" {
            let total = median(loads) + median(renders) + median(compares)
            print(
                "  target: plinth render of platform.yaml under 200 ms: \(total < 200 ? "met" : "NOT met") (\(fixed(total)) ms load + render + compare;"
                    + " a changed tree adds the write, \(fixed(median(writes))) ms here, bound by the disk)")
        }
    }

    private func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
    private func fixed(_ value: Double) -> String { String(format: "%.2f", value) }
    private func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
}
