/// Writes the typed workflow model as YAML in GitHub's key order (name, on, permissions,
/// concurrency, jobs), so a reviewer reads the rendered files in the order the docs describe.
extension Workflow {
    public func yaml() -> String {
        var top: [(String, YAMLText)] = [("name", .scalar(name)), ("on", .mapping(triggers.map(\.yaml)))]
        top.append(("permissions", Self.permissions(permissions)))
        if let concurrency { top.append(("concurrency", concurrency.yaml)) }
        top.append(("jobs", .mapping(jobs.map { ($0.id, $0.yaml) })))
        return "# Rendered by plinth from platform.yaml (pipelines); do not edit, run `plinth render`.\n"
            + YAMLText.mapping(top).render()
    }

    static func permissions(_ grants: [String: String]) -> YAMLText {
        .mapping(grants.keys.sorted().map { ($0, .scalar(grants[$0] ?? "none")) })
    }
}

extension WorkflowTrigger {
    var yaml: (String, YAMLText) {
        switch self {
        case .pullRequest(let branches, let types):
            var body: [(String, YAMLText)] = [("branches", .sequence(branches.map(YAMLText.scalar)))]
            if !types.isEmpty { body.append(("types", .sequence(types.map(YAMLText.scalar)))) }
            return ("pull_request", .mapping(body))
        case .push(let branches):
            return ("push", .mapping([("branches", .sequence(branches.map(YAMLText.scalar)))]))
        case .schedule(let cron):
            return ("schedule", .sequence([.mapping([("cron", .scalar(cron))])]))
        case .workflowDispatch:
            return ("workflow_dispatch", .mapping([]))
        }
    }
}

extension Concurrency {
    var yaml: YAMLText { .mapping([("group", .scalar(group)), ("cancel-in-progress", .bool(cancelInProgress))]) }
}

extension Job {
    var yaml: YAMLText {
        var body: [(String, YAMLText)] = [("name", .scalar(name))]
        if !needs.isEmpty { body.append(("needs", .sequence(needs.map(YAMLText.scalar)))) }
        if let condition { body.append(("if", .scalar(condition))) }
        body.append(("runs-on", runsOn.count == 1 ? .scalar(runsOn[0]) : .sequence(runsOn.map(YAMLText.scalar))))
        if let environment { body.append(("environment", .scalar(environment))) }
        body.append(("permissions", Workflow.permissions(permissions)))
        if let concurrency { body.append(("concurrency", concurrency.yaml)) }
        body.append(("timeout-minutes", .int(timeoutMinutes)))
        if !outputs.isEmpty { body.append(("outputs", .mapping(outputs.map { ($0.0, .scalar($0.1)) }))) }
        if !env.isEmpty { body.append(("env", .mapping(env.map { ($0.0, .scalar($0.1)) }))) }
        body.append(("steps", .sequence(steps.map(\.yaml))))
        return .mapping(body)
    }
}

extension Step {
    var yaml: YAMLText {
        var body: [(String, YAMLText)] = [("name", .scalar(name))]
        if let id { body.append(("id", .scalar(id))) }
        if let condition { body.append(("if", .scalar(condition))) }
        if let uses { body.append(("uses", .commented(uses.reference, comment: uses.tag))) }
        if !with.isEmpty { body.append(("with", .mapping(with.map { ($0.0, .scalar($0.1)) }))) }
        if !env.isEmpty { body.append(("env", .mapping(env.map { ($0.0, .scalar($0.1)) }))) }
        // Always a literal block: shell quoting then needs no YAML escaping.
        if let run { body.append(("run", .scalar(run.hasSuffix("\n") ? run : run + "\n"))) }
        return .mapping(body)
    }
}
