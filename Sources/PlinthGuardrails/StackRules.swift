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

/// The audit baseline must exist somewhere in the platform: in a rendered stack's modules or in a plan.
struct AuditBaselineRules {
    let input: GuardrailInput

    /// Resource types the rendered stacks create, through their modules and at their root.
    func renderedTypes() -> Set<String> {
        guard let rendered = input.rendered else { return [] }
        var types: Set<String> = []
        for (path, body) in rendered.files where path.hasSuffix("/main.tf.json") {
            guard let document = JSONValue.parse(Data(body.utf8)) else { continue }
            for (type, _) in document["resource"]?.objectPairs ?? [] { types.insert(type) }
            for (_, module) in document["module"]?.objectPairs ?? [] {
                guard let source = module["source"]?.stringValue, let name = source.split(separator: "/").last else { continue }
                types.formUnion(input.moduleResourceTypes[String(name)] ?? [])
            }
        }
        return types
    }

    func evaluate(into evaluation: inout Evaluation) {
        var types = renderedTypes()
        for plan in input.plans { for resource in plan.resources { types.insert(resource.type) } }
        let accounts = input.spec.organization.accounts
        func accountPath(_ name: String) -> SpecPath {
            accounts.firstIndex { $0.name.rawValue == name }.map { .root + "organization" + "accounts" + $0 } ?? .root + "organization"
        }
        let requirements: [(String, [String], String, String)] = [
            ("PL-AUD-001", ["aws_cloudtrail"], "log-archive", "no stack creates the organization CloudTrail"),
            (
                "PL-AUD-002", ["aws_config_configuration_recorder", "aws_config_configuration_aggregator"], "audit",
                "no stack records AWS Config with an organization aggregator"
            ),
            (
                "PL-AUD-003", ["aws_guardduty_detector", "aws_guardduty_organization_configuration"], "audit",
                "no stack enables GuardDuty for the organization"
            ),
            (
                "PL-AUD-004", ["aws_securityhub_account", "aws_securityhub_organization_configuration"], "audit",
                "no stack enables Security Hub for the organization"
            ),
        ]
        for (rule, needed, account, message) in requirements {
            let missing = needed.filter { !types.contains($0) }
            let path = accountPath(account)
            evaluation.cover(rule, path.description)
            if !missing.isEmpty {
                evaluation.add(input.specFinding(rule, path, "\(message) (missing \(missing.joined(separator: ", ")))"))
            }
        }
        // A trail in a plan must be an organization trail over every region.
        for plan in input.plans {
            for trail in plan.resources where trail.type == "aws_cloudtrail" {
                let whole =
                    trail.values["is_multi_region_trail"]?.boolValue != false && trail.values["is_organization_trail"]?.boolValue != false
                if !whole {
                    evaluation.add(
                        Finding(
                            ruleID: "PL-AUD-001", message: "trail is not an organization trail over every region",
                            specPath: accountPath("log-archive"),
                            specLocation: input.location(of: accountPath("log-archive")), stack: plan.stack, resource: trail.address,
                            location: StackText(rendered: input.rendered, root: input.stackRoot).location(
                                stack: plan.stack, resource: trail)))
                }
            }
        }
    }
}

/// Which resource types each module declares, read from its `.tf` files: lets stack rules see what
/// a module call creates without running Terraform.
public enum ModuleCatalog {
    public static func load(directory: String) -> [String: Set<String>] {
        let fileManager = FileManager.default
        guard let modules = try? fileManager.contentsOfDirectory(atPath: directory) else { return [:] }
        var result: [String: Set<String>] = [:]
        for module in modules {
            let folder = (directory as NSString).appendingPathComponent(module)
            guard let files = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
            var types: Set<String> = []
            for file in files where file.hasSuffix(".tf") {
                guard let body = try? String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8) else {
                    continue
                }
                types.formUnion(resourceTypes(inHCL: body))
            }
            result[module] = types
        }
        return result
    }

    /// `resource "aws_x" "name"` at the start of a line -> aws_x.
    static func resourceTypes(inHCL body: String) -> Set<String> {
        var types: Set<String> = []
        for line in body.split(separator: "\n") where line.hasPrefix("resource \"") {
            let rest = line.dropFirst("resource \"".count)
            if let end = rest.firstIndex(of: "\"") { types.insert(String(rest[rest.startIndex..<end])) }
        }
        return types
    }
}
