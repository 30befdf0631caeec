import ArgumentParser

@main
struct Plinth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plinth",
        abstract: "Describe the whole platform once, in platform.yaml; check it, and build it from that description.",
        discussion: """
            platform.yaml is the single typed description of the platform: accounts, regions, environments,
            network, DNS, secrets, observability, identity, pipelines and procurement blockers.

            Start with `plinth validate` after every edit; `plinth show` summarises what the file describes;
            `plinth schema` prints the JSON Schema that editors use to complete and check the file.
            """,
        subcommands: [
            ValidateCommand.self, ShowCommand.self, SchemaCommand.self, RenderCommand.self, UpCommand.self, DownCommand.self,
            AffectedCommand.self, PlanCommand.self, ApplyCommand.self, ChangesCommand.self,
            EmulatorCommand.self, ToolsCommand.self, DiagramCommand.self,
            ServeCommand.self,
            CheckCommand.self,
            PreviewCommand.self,
            ScanGateCommand.self,
        ]
    )
}
