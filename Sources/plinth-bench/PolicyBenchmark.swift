import ArgumentParser
import PlinthLoader
import PolicyModel
import PolicyService

/// In-process decision cost: the seeded policy from platform.yaml, a mix of allowed and denied checks.
struct PolicyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Time CompiledPolicy.evaluate on the roles of platform.yaml; the target is a median of at most 1 µs per check."
    )

    @Option(help: "platform.yaml whose roles are evaluated.") var platform = "platform.yaml"
    @Option(help: "Checks per timed batch.") var batch = 100_000
    @Option(help: "Timed batches; the median batch is reported.") var iterations = 21
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        let document: PolicyDocument
        do { document = try PolicySeed.document(platformFile: platform) } catch { throw ValidationError("\(error)") }
        let policy = CompiledPolicy(PolicyBundle(version: 1, document: document))
        // A fixed mix: every role, every permission, own clinic, other clinic and own record.
        var cases: [(Principal, Permission, ResourceRef)] = []
        for role in document.roles {
            let principal = Principal(subject: "u-1", roles: [role.name], clinicID: "clinic-a")
            for definition in document.permissions {
                let kind = definition.name.resource
                cases.append((principal, definition.name, ResourceRef(kind: kind, clinicID: "clinic-a")))
                cases.append((principal, definition.name, ResourceRef(kind: kind, clinicID: "clinic-b")))
                cases.append((principal, definition.name, ResourceRef(kind: kind, clinicID: "clinic-a", ownerID: "u-1")))
            }
        }
        guard !cases.isEmpty else { throw ValidationError("\(platform) defines no roles") }
        var allowed = 0
        for (principal, permission, resource) in cases where policy.evaluate(principal, permission: permission, resource: resource).allowed
        {
            allowed += 1
        }
        var samples: [Double] = []
        let clock = ContinuousClock()
        var sink = 0
        for _ in 0..<max(1, iterations) {
            let elapsed = clock.measure {
                for index in 0..<batch {
                    let (principal, permission, resource) = cases[index % cases.count]
                    if policy.evaluate(principal, permission: permission, resource: resource).allowed { sink &+= 1 }
                }
            }
            let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
            samples.append(nanoseconds / Double(batch))
        }
        samples.sort()
        let median = samples[samples.count / 2]
        if json {
            print(
                "{\"benchmark\":\"policy-evaluate\",\"cases\":\(cases.count),\"allowedCases\":\(allowed),\"medianNsPerCheck\":\(fixed(median)),\"minNsPerCheck\":\(fixed(samples[0])),\"checksum\":\(sink)}"
            )
            return
        }
        print("in-process check: \(cases.count) cases (\(allowed) allowed), \(iterations) batches of \(batch)")
        print("median \(fixed(median)) ns/check, min \(fixed(samples[0])) ns/check (checksum \(sink))")
        print("target: median at most 1000 ns: \(median <= 1000 ? "met" : "NOT met")")
    }
}

extension PolicyBenchmark {
    /// Two decimals, without Foundation's formatter.
    fileprivate func fixed(_ value: Double) -> String { "\((value * 100).rounded() / 100)" }
}
