import Foundation
import Testing

@testable import PlinthGuardrails

/// Input `plinth check` must refuse rather than judge.
struct PlanDocumentTests {
    static let workload = GuardrailFixture.plansDirectory.appendingPathComponent("env_prod_us-east-1_workload.json")

    @Test func anotherFormatVersionIsRefused() throws {
        let text = try String(contentsOf: Self.workload, encoding: .utf8).replacingOccurrences(
            of: "\"format_version\":\"1.2\"", with: "\"format_version\":\"2.0\"")
        #expect(throws: GuardrailInputError.unsupportedFormat(file: "p.json", version: "2.0")) {
            _ = try PlanDocument.parse(Data(text.utf8), file: "p.json", stack: "env/prod/us-east-1/workload")
        }
    }

    @Test func truncatedFileIsRefused() throws {
        let data = try Data(contentsOf: Self.workload)
        let error = #expect(throws: GuardrailInputError.self) {
            _ = try PlanDocument.parse(data.prefix(data.count / 2), file: "p.json", stack: "env/prod/us-east-1/workload")
        }
        guard case .malformed(let file, _) = error else {
            Issue.record("expected a malformed-plan error, got \(String(describing: error))")
            return
        }
        #expect(file == "p.json")
        #expect("\(error.map { "\($0)" } ?? "")".contains("truncated"))
    }

    @Test func planWithoutPlannedValuesIsRefused() {
        #expect(throws: GuardrailInputError.self) {
            _ = try PlanDocument.parse(Data("{\"format_version\":\"1.2\"}".utf8), file: "p.json", stack: "x")
        }
    }

    @Test func planForAnUnknownStackIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-plans-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(contentsOf: Self.workload).write(to: directory.appendingPathComponent("env_qa_us-east-1_workload.json"))
        let error = #expect(throws: GuardrailInputError.self) {
            _ = try PlanLoader.load(directory: directory.path, knownStacks: ["env/prod/us-east-1/workload"])
        }
        guard case .unknownStack(_, let stack) = error else {
            Issue.record("expected an unknown-stack error, got \(String(describing: error))")
            return
        }
        #expect(stack == "env/qa/us-east-1/workload")
    }

    @Test func modulePathsSplitOnlyOutsideKeys() {
        #expect(PlanDocument.modulePath(of: "module.a.module.b[0].aws_x.y[\"k.v\"]") == "module.a.module.b[0]")
        #expect(PlanDocument.modulePath(of: "module.m[\"a.b\"].aws_x.y") == "module.m[\"a.b\"]")
        #expect(PlanDocument.modulePath(of: "aws_x.y") == "")
        #expect(PlanDocument.stackName(forRelativePath: "env_prod_us-east-1_workload.json") == "env/prod/us-east-1/workload")
        #expect(PlanDocument.stackName(forRelativePath: "env_prod_us-east-1_workload/plan.json") == "env/prod/us-east-1/workload")
    }

    /// `plinth check --plans` reads a `plinth plan --out` directory as it is: the manifest is
    /// skipped and each `<stack>/plan.json` is that stack's plan.
    @Test func aPlinthPlanDirectoryIsReadAsItIs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-plan-dir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = "shared-services/us-east-1/state-backend"
        let planDirectory = directory.appendingPathComponent(stack.replacingOccurrences(of: "/", with: "_"))
        try FileManager.default.createDirectory(at: planDirectory, withIntermediateDirectories: true)
        let fixture = GuardrailFixture.plansDirectory.appendingPathComponent("shared-services_us-east-1_state-backend.json")
        try FileManager.default.copyItem(at: fixture, to: planDirectory.appendingPathComponent("plan.json"))
        try Data(#"{"formatVersion": 1, "stacks": []}"#.utf8).write(to: directory.appendingPathComponent("manifest.json"))
        let plans = try PlanLoader.load(directory: directory.path, knownStacks: [stack])
        #expect(plans.map(\.stack) == [stack])
        #expect(!(plans.first?.resources.isEmpty ?? true))
    }
}
