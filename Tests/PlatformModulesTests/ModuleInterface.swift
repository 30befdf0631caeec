import Foundation

/// A module's inputs and outputs as its `variables.tf` and `outputs.tf` declare them, rendered as
/// the README rows that document them:
/// `| `name` | description | `type` | `default` | no |` (a required input: `n/a` and `yes`), and
/// `| `name` | description |`. Pipes in a description are escaped (`\|`).
struct ModuleInterface {
    let name: String
    let inputs: [ModuleReadme.Row]
    let outputs: [ModuleReadme.Row]

    init(name: String, variablesText: String, outputsText: String) {
        self.name = name
        inputs = TerraformBlockReader.blocks(ofType: "variable", in: variablesText).map { block in
            let defaultValue = block.attributes["default"].map { "`\(ExpressionText.oneLine($0))`" }
            return [
                "`\(block.name)`",
                Self.cellText(block.attributes["description"].map(ExpressionText.description) ?? ""),
                "`\(block.attributes["type"].map(ExpressionText.oneLine) ?? "any")`",
                defaultValue ?? "n/a",
                defaultValue == nil ? "yes" : "no",
            ]
        }
        outputs = TerraformBlockReader.blocks(ofType: "output", in: outputsText).map { block in
            ["`\(block.name)`", Self.cellText(block.attributes["description"].map(ExpressionText.description) ?? "")]
        }
    }

    /// Reads `platform-modules/<name>/variables.tf` and `outputs.tf` (a missing file declares nothing).
    init(directory: URL) {
        func text(_ file: String) -> String {
            (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        self.init(name: directory.lastPathComponent, variablesText: text("variables.tf"), outputsText: text("outputs.tf"))
    }

    /// Every way the README's tables differ from this interface, one message each, naming the
    /// module and the row; empty when they agree row for row and in order.
    func differences(from readme: ModuleReadme) -> [String] {
        compare(kind: "input", file: "variables.tf", heading: "## Inputs", expected: inputs, actual: readme.inputs)
            + compare(kind: "output", file: "outputs.tf", heading: "## Outputs", expected: outputs, actual: readme.outputs)
    }

    private static func cellText(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    private func compare(kind: String, file: String, heading: String, expected: [ModuleReadme.Row], actual: [ModuleReadme.Row]?) -> [String]
    {
        guard let actual else { return ["\(name): README.md has no \"\(heading)\" table"] }
        let key: (ModuleReadme.Row) -> String = { $0.first ?? "" }
        let readmeRows = Dictionary(actual.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let declared = Set(expected.map(key))
        var messages: [String] = []
        for row in expected {
            guard let written = readmeRows[key(row)] else {
                messages.append("\(name): \(kind) \(key(row)) is in \(file) but has no README row; add: \(Self.line(row))")
                continue
            }
            if written != row {
                messages.append(
                    "\(name): README row of \(kind) \(key(row)) differs from \(file)\n  README:   \(Self.line(written))\n  expected: \(Self.line(row))"
                )
            }
        }
        for row in actual where !declared.contains(key(row)) {
            messages.append("\(name): README row of \(kind) \(key(row)) has no \(kind) in \(file)")
        }
        if messages.isEmpty, actual.map(key) != expected.map(key) {
            messages.append("\(name): README \(kind) rows are not in \(file) order: \(expected.map(key).joined(separator: ", "))")
        }
        return messages
    }

    private static func line(_ row: ModuleReadme.Row) -> String {
        "| " + row.joined(separator: " | ") + " |"
    }
}
