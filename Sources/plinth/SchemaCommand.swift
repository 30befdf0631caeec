import ArgumentParser
import PlinthSpec

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of platform.yaml.",
        discussion: """
            The schema is committed as schema/platform.schema.json and referenced from the first line of
            platform.yaml, so YAML language servers complete and check the file as you type. Regenerate it
            after changing the model:

              plinth schema > schema/platform.schema.json
            """
    )

    func run() {
        print(PlatformSchema.document.rendered(), terminator: "")
    }
}
