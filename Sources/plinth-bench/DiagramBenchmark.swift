import ArgumentParser
import Foundation
import PlinthDiagram
import PlinthFixtures
import PlinthLoader
import PlinthRender
import PlinthSpec

/// Times `plinth diagram` per view and format on platform.yaml and the synthetic 500-account spec,
/// for the issue's target of under one second per view at that size.
struct DiagramBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw every view in every format from platform.yaml and the synthetic 500-account spec; prints figures."
    )

    @Option(help: "Path of platform.yaml.") var spec = "platform.yaml"
    @Option(help: "Accounts of the synthetic spec.") var accounts = 500
    @Option(help: "VPCs (hubs and spokes) of the synthetic spec.") var vpcs = 2000
    @Option(help: "Timed runs per case; the median is reported.") var iterations = 5

    func run() throws {
        print("draw diagrams (median of \(iterations) runs; layout + writing, from a loaded spec and its stack graph)")
        print(pad("CASE", 26) + pad("VIEW", 11) + pad("FORMAT", 9) + pad("BOXES", 7) + pad("KiB", 8) + "ms")
        if FileManager.default.fileExists(atPath: spec) {
            try measure(label: "platform.yaml", yaml: try String(contentsOfFile: spec, encoding: .utf8))
        }
        let synthetic = SyntheticPlatform(accounts: accounts, vpcs: vpcs)
        let slowest = try measure(label: "synthetic \(synthetic.accounts)a/\(synthetic.vpcs)v", yaml: synthetic.yaml())
        print(
            "target: every view of the \(synthetic.accounts)-account spec under 1000 ms: \(slowest < 1000 ? "met" : "NOT met") (slowest \(fixed(slowest)) ms)"
        )
    }

    /// Prints one row per view and format; returns the slowest median.
    @discardableResult
    private func measure(label: String, yaml: String) throws -> Double {
        let result = SpecLoader().load(yaml: yaml, file: label)
        guard let platform = result.spec else {
            throw ValidationError("\(label) did not validate: \(result.errors.first?.description ?? "no result")")
        }
        let diagrams = PlatformDiagrams(spec: platform, stacks: try StackRenderer(spec: platform, target: .aws).render().stacks)
        let clock = ContinuousClock()
        var slowest = 0.0
        for view in DiagramView.allCases {
            let boxes = diagrams.scene(view).nodes.count
            for format in DiagramFormat.allCases {
                var samples: [Double] = []
                var bytes = 0
                for _ in 0..<max(1, iterations) {
                    samples.append(milliseconds(clock.measure { bytes = diagrams.render(view, as: format).utf8.count }))
                }
                let median = samples.sorted()[samples.count / 2]
                slowest = max(slowest, median)
                print(
                    pad(label, 26) + pad(view.rawValue, 11) + pad(format.rawValue, 9) + pad(String(boxes), 7)
                        + pad(fixed(Double(bytes) / 1024), 8) + fixed(median))
            }
        }
        return slowest
    }

    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
    private func fixed(_ value: Double) -> String { String(format: "%.2f", value) }
    private func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
}
