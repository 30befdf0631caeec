import Foundation
import PlinthSpec
import Testing

@testable import PlinthGuardrails

/// One deliberate break of a committed plan, read from Fixtures/plan-mutations.json (which
/// scripts/test-guardrails also feeds to checkov).
struct PlanMutation: CustomTestStringConvertible, Sendable {
    let name: String
    let plan: String
    let rule: String
    let subject: String
    let specPath: String
    let operation: JSONValue

    var testDescription: String { "\(name) (\(rule))" }
    var stack: String { plan.replacingOccurrences(of: "_", with: "/") }

    static let all: [PlanMutation] = {
        let url = GuardrailFixture.fixtures.appendingPathComponent("plan-mutations.json")
        guard let data = FileManager.default.contents(atPath: url.path), let document = JSONValue.parse(data) else { return [] }
        return (document["cases"]?.arrayValue ?? []).compactMap { item in
            guard let name = item["name"]?.stringValue, let plan = item["plan"]?.stringValue, let rule = item["rule"]?.stringValue,
                let subject = item["subject"]?.stringValue, let specPath = item["specPath"]?.stringValue
            else { return nil }
            return PlanMutation(name: name, plan: plan, rule: rule, subject: subject, specPath: specPath, operation: item)
        }
    }()

    /// The plan with the mutation applied: set or unset attributes of one resource, remove it, or add one.
    func apply(to document: PlanDocument) -> PlanDocument {
        var resources = document.resources
        if let added = operation["add"]?["resource"], let address = added["address"]?.stringValue, let type = added["type"]?.stringValue {
            resources.append(PlannedResource(address: address, type: type, values: added["values"] ?? .object([])))
        }
        if let address = operation["address"]?.stringValue {
            if operation["remove"]?.boolValue == true {
                resources.removeAll { $0.address == address }
            }
            resources = resources.map { resource in
                guard resource.address == address else { return resource }
                var values = resource.values
                for (path, value) in operation["set"]?.objectPairs ?? [] {
                    values = values.setting(path.split(separator: ".").map(String.init)[...], to: value)
                }
                for path in operation["unset"]?.arrayValue.compactMap(\.stringValue) ?? [] {
                    values = values.setting(path.split(separator: ".").map(String.init)[...], to: nil)
                }
                return PlannedResource(address: resource.address, type: resource.type, values: values)
            }
        }
        return PlanDocument(stack: document.stack, file: document.file, formatVersion: document.formatVersion, resources: resources)
    }
}

struct PlanMutationCorpusTests {
    static let baseline: Set<String> = {
        guard let report = try? GuardrailFixture.check(plans: GuardrailFixture.committedPlans) else { return [] }
        return GuardrailFixture.failing(report)
    }()

    @Test func corpusHoldsEnoughCases() {
        #expect(PlanMutation.all.count >= 30)
        #expect(PlanMutation.all.count + SpecMutation.all.count >= 40)
    }

    @Test(arguments: PlanMutation.all)
    func mutationIsCaughtByExactlyItsRule(_ mutation: PlanMutation) throws {
        let plans = GuardrailFixture.committedPlans.map { $0.stack == mutation.stack ? mutation.apply(to: $0) : $0 }
        #expect(plans.contains { $0.stack == mutation.stack })
        guard let report = try GuardrailFixture.check(plans: plans) else { return }
        let newly = GuardrailFixture.failing(report).subtracting(Self.baseline)
        #expect(newly == ["\(mutation.rule) \(mutation.stack):\(mutation.subject)"])
        let finding = report.results.first { $0.finding.subject == "\(mutation.stack):\(mutation.subject)" && $0.rule.id == mutation.rule }?
            .finding
        #expect(finding?.stack == mutation.stack)
        #expect(finding?.resource == mutation.subject)
        #expect(finding?.specPath?.description == mutation.specPath)
        #expect(finding?.location?.file == "infrastructure/\(mutation.stack)/main.tf.json")
        #expect((finding?.location?.line ?? 0) > 1, "the finding points at the module block, not the top of the file")
        #expect(finding?.specLocation?.file == "platform.yaml")
    }
}
