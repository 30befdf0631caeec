/// The input and output tables of a module's README.md, row by row as written.
struct ModuleReadme {
    /// Cells of one table row, trimmed, with `\|` still escaped.
    typealias Row = [String]

    let inputs: [Row]?
    let outputs: [Row]?

    init(text: String) {
        inputs = Self.table(under: "## Inputs", in: text)
        outputs = Self.table(under: "## Outputs", in: text)
    }

    /// The body rows of the first table after the heading (header and separator rows left out), or
    /// nil when the heading is missing.
    private static func table(under heading: String, in text: String) -> [Row]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard let start = lines.firstIndex(of: heading) else { return nil }
        let tableLines = lines[(start + 1)...]
            .drop(while: { !$0.hasPrefix("|") && !$0.hasPrefix("#") })
            .prefix(while: { $0.hasPrefix("|") })
        return tableLines.dropFirst().filter { !isSeparator($0) }.map(cells)
    }

    private static func isSeparator(_ line: String) -> Bool {
        line.allSatisfy { "|-: ".contains($0) }
    }

    /// Splits `| a | b \| c |` into ["a", "b \| c"].
    static func cells(_ line: String) -> Row {
        var cells: [String] = []
        var cell = ""
        var previous: Character = " "
        for character in line.dropFirst() {
            if character == "|", previous != "\\" {
                cells.append(cell.trimmingSpaces())
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        if !cell.trimmingSpaces().isEmpty { cells.append(cell.trimmingSpaces()) }
        return cells
    }
}
