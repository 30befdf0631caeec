/// Left-aligned columns for terminal output; numbers right-aligned when a column asks for it.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []
    public var rightAligned: Set<Int> = []

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func rendered(indent: Int = 2) -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return all.map { row in
            let cells = headers.indices.map { column -> String in
                let text = row.indices.contains(column) ? row[column] : ""
                let gap = String(repeating: " ", count: widths[column] - text.count)
                return rightAligned.contains(column) ? gap + text : text + gap
            }
            var line = pad + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

extension Int {
    /// 65536 → "65,536": counts people read at a glance.
    var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return self < 0 ? "-" + out : out
    }
}
