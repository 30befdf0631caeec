import Foundation
import Testing

@Suite("platform-modules: README input and output tables match variables.tf and outputs.tf")
struct ModuleReadmeTablesTests {
    @Test func everyModuleIsFound() {
        let names = PlatformModules.names()
        #expect(names.contains("state-backend") && names.contains("private-bucket") && names.contains("kms-key-policy"))
        #expect(!names.contains("mocks"))
    }

    @Test(arguments: PlatformModules.names())
    func readmeTablesMatchTheModule(module: String) throws {
        let directory = PlatformModules.root.appendingPathComponent(module)
        let interface = ModuleInterface(directory: directory)
        #expect(!interface.inputs.isEmpty, "\(module) declares no variables in variables.tf")
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        for difference in interface.differences(from: ModuleReadme(text: readme)) {
            Issue.record(Comment(rawValue: difference))
        }
    }

    // MARK: The check itself, on small modules written here

    private static let variables = """
        variable "name" {
          description = "Prefix of names | ids."
          type        = string

          validation {
            condition     = length(var.name) > 2 # short names collide
            error_message = "name needs three characters; see \\"naming\\"."
          }
        }

        variable "roles" {
          description = <<-EOT
            Roles to create,
            one per entry.
          EOT
          type = list(object({
            name     = string
            sessions = optional(number, 3600) # seconds
          }))
          default = [
            "a",
            "b",
          ]
        }
        """
    private static let outputs = """
        output "arn" {
          description = "ARN, for \\"policies\\"."
          value       = aws_iam_role.this.arn
        }
        """
    private static let readme = """
        # example

        ## Inputs

        | Name | Description | Type | Default | Required |
        |---|---|---|---|---|
        | `name` | Prefix of names \\| ids. | `string` | n/a | yes |
        | `roles` | Roles to create, one per entry. | `list(object({ name = string, sessions = optional(number, 3600) }))` | `["a", "b"]` | no |

        ## Outputs

        | Name | Description |
        |---|---|
        | `arn` | ARN, for "policies". |
        """

    private static let example = ModuleInterface(name: "example", variablesText: variables, outputsText: outputs)

    @Test func agreeingTablesGiveNoDifference() {
        #expect(Self.example.differences(from: ModuleReadme(text: Self.readme)) == [])
    }

    @Test func aMissingRowIsNamed() {
        let readme = Self.readme.replacingOccurrences(of: "| `name` | Prefix of names \\| ids. | `string` | n/a | yes |\n", with: "")
        let differences = Self.example.differences(from: ModuleReadme(text: readme))
        #expect(differences.count == 1)
        #expect(differences.first?.hasPrefix("example: input `name` is in variables.tf but has no README row") == true)
    }

    @Test func aChangedCellNamesTheRowAndBothVersions() {
        let readme = Self.readme.replacingOccurrences(of: "`[\"a\", \"b\"]`", with: "`[]`")
        let differences = Self.example.differences(from: ModuleReadme(text: readme))
        #expect(differences.count == 1)
        let message = differences.first ?? ""
        #expect(message.contains("example: README row of input `roles` differs from variables.tf"))
        #expect(message.contains("README:   | `roles` |") && message.contains("| `[]` | no |"))
        #expect(message.contains("expected: | `roles` |") && message.contains("| `[\"a\", \"b\"]` | no |"))
    }

    @Test func anUndeclaredRowAnOutputAndTheOrderAreChecked() {
        let extra = Self.readme.replacingOccurrences(
            of: "| `arn` | ARN, for \"policies\". |", with: "| `arn` | ARN, for \"policies\". |\n| `id` | Gone. |")
        #expect(
            Self.example.differences(from: ModuleReadme(text: extra)) == ["example: README row of output `id` has no output in outputs.tf"])

        let wrongDescription = Self.readme.replacingOccurrences(of: "ARN, for \"policies\".", with: "ARN.")
        #expect(
            Self.example.differences(from: ModuleReadme(text: wrongDescription)).first?.contains(
                "README row of output `arn` differs from outputs.tf") == true)

        let lines = Self.readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let swapped = lines.enumerated().map { offset, line in
            offset == 6 ? lines[7] : offset == 7 ? lines[6] : line
        }.joined(separator: "\n")
        #expect(
            Self.example.differences(from: ModuleReadme(text: swapped)) == [
                "example: README input rows are not in variables.tf order: `name`, `roles`"
            ])

        let noOutputs = Self.readme.replacingOccurrences(of: "## Outputs", with: "## Results")
        #expect(Self.example.differences(from: ModuleReadme(text: noOutputs)) == ["example: README.md has no \"## Outputs\" table"])
    }

    @Test func blocksAreReadWithTheirAttributesOnly() {
        let blocks = TerraformBlockReader.blocks(ofType: "variable", in: Self.variables)
        #expect(blocks.map(\.name) == ["name", "roles"])
        #expect(blocks.first?.attributes["type"] == "string")
        #expect(blocks.first?.attributes["condition"] == nil, "a nested block's attributes are not the variable's")
        #expect(blocks.last?.attributes["type"]?.contains("# seconds") == false, "comments are not part of an expression")
        #expect(TerraformBlockReader.blocks(ofType: "output", in: Self.outputs).first?.attributes["value"] == "aws_iam_role.this.arn")
    }

    @Test func expressionsReadOnOneLine() {
        #expect(ExpressionText.oneLine("{ enabled = false }") == "{ enabled = false }")
        #expect(ExpressionText.oneLine("object({\n  a    = string,\n  b = map(string)\n})") == "object({ a = string, b = map(string) })")
        #expect(ExpressionText.oneLine("\"two  spaces\"") == "\"two  spaces\"")
        #expect(ExpressionText.description("\"a \\\"quoted\\\" word\"") == "a \"quoted\" word")
        #expect(ExpressionText.stringValue("\"a\" == \"b\"") == nil)
    }
}
