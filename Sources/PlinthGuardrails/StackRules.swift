import Foundation
import PlinthSpec

/// Rules over the rendered stacks: the module inputs the render chose from the spec, checked before
/// any plan exists.
struct StackRules {
    let input: GuardrailInput
    let text: StackText

    init(input: GuardrailInput) {
        self.input = input
        text = StackText(rendered: input.rendered, root: input.stackRoot)
    }

    /// The module blocks of a stack's main.tf.json, by name.
    func modules(of stack: String) -> [(String, JSONValue)] {
        guard let body = input.rendered?.files["\(stack)/main.tf.json"], let document = JSONValue.parse(Data(body.utf8)) else { return [] }
        return document["module"]?.objectPairs ?? []
    }

    func evaluate(into evaluation: inout Evaluation) {
        guard let rendered = input.rendered else { return }
        let resolver = SpecKeyResolver(spec: input.spec)
        for stack in rendered.stacks where stack.provider == "aws" {
            if stack.id.hasSuffix("/state-backend") {
                for (name, inputs) in modules(of: stack.id) {
                    check(
                        &evaluation, "PL-STK-001", stack.id, name, "enforce_tls_policy", inputs["enforce_tls_policy"]?.boolValue == true,
                        specPath: .root + "terraformState", "state bucket policy does not enforce TLS")
                }
            }
            if stack.id.hasSuffix("/workload"), let (index, environment) = resolver.environment(ofStack: stack.id),
                environment.tier == .production
            {
                for (name, inputs) in modules(of: stack.id) {
                    let weak = [
                        inputs["multi_az"]?.boolValue == true ? nil : "multi_az",
                        inputs["db_deletion_protection"]?.boolValue == true ? nil : "db_deletion_protection",
                        inputs["db_skip_final_snapshot"]?.boolValue == false ? nil : "db_skip_final_snapshot",
                    ].compactMap { $0 }
                    check(
                        &evaluation, "PL-STK-002", stack.id, name, weak.first ?? "multi_az", weak.isEmpty,
                        specPath: .root + "environments" + index + "database",
                        "production database inputs \(weak.joined(separator: ", ")) leave it unprotected")
                }
            }
        }
    }

    private func check(
        _ evaluation: inout Evaluation, _ rule: String, _ stack: String, _ module: String, _ key: String, _ passes: Bool,
        specPath: SpecPath, _ message: String
    ) {
        let resource = "module.\(module).\(key)"
        evaluation.cover(rule, "\(stack):\(resource)")
        guard !passes else { return }
        evaluation.add(
            Finding(
                ruleID: rule, message: message, specPath: specPath, specLocation: input.location(of: specPath), stack: stack,
                resource: resource, location: text.location(stack: stack, key: key, after: module)))
    }
}
