import ArgumentParser
import Foundation
import PlinthFixtures
import PlinthLoader
import PlinthSpec
import PlinthValidation

@main
struct PlinthBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plinth-bench",
        abstract: "Benchmarks for plinth; prints figures, never asserts. Build with -c release.",
        subcommands: [
            SpecBenchmark.self, PhaseBenchmark.self, RenderBenchmark.self, DiagramBenchmark.self, AffectedBenchmark.self,
            PolicyBenchmark.self, LeaseBenchmark.self,
            PolicyIssuerCommand.self,
        ],
        defaultSubcommand: SpecBenchmark.self
    )
}

struct SpecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Load and validate generated specs at a quarter, half and full size, to show time and its growth.",
        discussion: "Full size defaults to the issue's target: 500 accounts and 2,000 VPCs in under one second."
    )

    @Option(help: "Accounts at full size.") var accounts = 500
    @Option(help: "VPCs (hubs and spokes) at full size.") var vpcs = 2000
    @Option(help: "Timed runs per size; the median is reported.") var iterations = 5
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        var rows: [(accounts: Int, vpcs: Int, kilobytes: Int, median: Double, minimum: Double, cpu: Double)] = []
        for divisor in [4, 2, 1] {
            let synthetic = SyntheticPlatform(accounts: accounts / divisor, vpcs: vpcs / divisor)
            let yaml = synthetic.yaml()
            var samples: [Double] = []
            var cpuSamples: [Double] = []
            for _ in 0..<max(1, iterations) {
                let clock = ContinuousClock()
                var result: LoadResult?
                let cpuStart = threadCPUMilliseconds()
                let elapsed = clock.measure { result = SpecLoader().load(yaml: yaml, file: "synthetic.yaml") }
                cpuSamples.append(threadCPUMilliseconds() - cpuStart)
                guard let result, result.spec != nil else {
                    throw ValidationError("the generated spec did not validate: \(result?.errors.first?.description ?? "no result")")
                }
                samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            samples.sort()
            cpuSamples.sort()
            rows.append(
                (
                    synthetic.accounts, synthetic.vpcs, yaml.utf8.count / 1024, samples[samples.count / 2], samples[0],
                    cpuSamples[cpuSamples.count / 2]
                ))
        }
        let full = rows[rows.count - 1], quarter = rows[0]
        let growth = full.cpu / max(quarter.cpu, 0.001)
        let sizeRatio = Double(full.vpcs) / Double(quarter.vpcs)
        if json {
            let items = rows.map {
                "{\"accounts\":\($0.accounts),\"vpcs\":\($0.vpcs),\"yamlKiB\":\($0.kilobytes),\"medianMs\":\(fixed($0.median)),\"minMs\":\(fixed($0.minimum)),\"medianCpuMs\":\(fixed($0.cpu))}"
            }
            print(
                "{\"benchmark\":\"spec-load-validate\",\"runs\":[\(items.joined(separator: ","))],\"growthForSizeRatio\":{\"size\":\(fixed(sizeRatio)),\"time\":\(fixed(growth))}}"
            )
            return
        }
        print("load + validate generated specs (median of \(iterations) runs)")
        print(
            pad("ACCOUNTS", 9) + pad("VPCS", 7) + pad("YAML KiB", 10) + pad("MEDIAN ms", 11) + pad("MIN ms", 9)
                + pad("CPU ms", 9) + "µs/VPC")
        for row in rows {
            print(
                pad(String(row.accounts), 9) + pad(String(row.vpcs), 7) + pad(String(row.kilobytes), 10)
                    + pad(fixed(row.median), 11) + pad(fixed(row.minimum), 9) + pad(fixed(row.cpu), 9)
                    + fixed(row.median * 1000 / Double(row.vpcs)))
        }
        print("(wall-clock median and minimum; CPU ms is this thread's CPU time, steady when other work shares the cores)")
        print("growth: \(fixed(sizeRatio))x the size took \(fixed(growth))x the CPU time (linear is \(fixed(sizeRatio))x)")
        print(
            "target: \(full.accounts) accounts / \(full.vpcs) VPCs under 1000 ms: \(full.median < 1000 ? "met" : "NOT met") (\(fixed(full.median)) ms)"
        )
    }

    /// CPU time of the calling thread, so figures stay comparable on a loaded machine.
    private func threadCPUMilliseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }

    private func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}

struct PhaseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phases", abstract: "Time parse, decode and validate separately at full size.")
    @Option var accounts = 500
    @Option var vpcs = 2000

    func run() throws {
        let yaml = SyntheticPlatform(accounts: accounts, vpcs: vpcs).yaml()
        let clock = ContinuousClock()
        var node: SpecNode?
        let parse = clock.measure { if case .document(let n) = YAMLDocument.parse(yaml, file: "s.yaml") { node = n } }
        guard let node else { return }
        var context = DecodingContext()
        var spec: PlatformSpec?
        let decode = clock.measure { spec = PlatformSpec.decode(node, at: .root, in: &context) }
        guard let spec else { return }
        var count = 0
        let validate = clock.measure { count = SpecValidator.validate(spec).count }
        let scan = clock.measure { count += SecretValueScanner.scan(node).count }
        print("parse \(parse)  decode \(decode)  validate \(validate)  secret-scan \(scan)  (\(count) diagnostics)")
    }
}
