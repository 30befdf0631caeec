/// `dependabot.yml`: weekly updates for the ecosystems a repository holds, each release at least a
/// week old (a cooldown, so a compromised release is usually pulled before it is proposed).
struct Dependabot {
    var kind: PipelineRenderer.Kind

    var ecosystems: [(String, String)] {
        switch kind {
        case .infrastructure: [("github-actions", "/"), ("swift", "/"), ("terraform", "/platform-modules")]
        case .modules: [("github-actions", "/"), ("terraform", "/platform-modules")]
        case .service: [("github-actions", "/"), ("swift", "/"), ("docker", "/docker/policy-service")]
        case .other: [("github-actions", "/")]
        }
    }

    func yaml() -> String {
        let updates: [YAMLText] = ecosystems.map { ecosystem, directory in
            .mapping([
                ("package-ecosystem", .scalar(ecosystem)),
                ("directory", .scalar(directory)),
                ("schedule", .mapping([("interval", .scalar("weekly"))])),
                ("cooldown", .mapping([("default-days", .int(7))])),
                ("open-pull-requests-limit", .int(5)),
            ])
        }
        return "# Rendered by plinth from platform.yaml (pipelines.repositories); do not edit.\n"
            + YAMLText.mapping([("version", .int(2)), ("updates", .sequence(updates))]).render()
    }
}
