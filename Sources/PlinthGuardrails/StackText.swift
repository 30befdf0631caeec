import Foundation
import PlinthRender
import PlinthSpec

/// Positions inside the rendered stack files, so findings on stacks and plans point at the line
/// that declares the module or input a reviewer would change.
struct StackText {
    let rendered: RenderedInfrastructure?
    let root: String

    func file(of stack: String) -> String { "\(root)/\(stack)/main.tf.json" }

    /// The line and column of the first `"name":` key in the stack's main.tf.json, after `after` if given.
    func location(stack: String, key: String, after: String? = nil) -> SourceLocation {
        let path = file(of: stack)
        guard let text = rendered?.files["\(stack)/main.tf.json"] else { return SourceLocation(file: path, line: 1, column: 1) }
        var searchStart = text.startIndex
        if let after, let anchor = text.range(of: "\"\(after)\":") { searchStart = anchor.upperBound }
        guard let found = text.range(of: "\"\(key)\":", range: searchStart..<text.endIndex) else {
            return SourceLocation(file: path, line: 1, column: 1)
        }
        var line = 1, column = 1
        for character in text[text.startIndex..<found.lowerBound] {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: path, line: line, column: column)
    }

    /// Where a plan resource comes from: its top-level module block, or its own resource type.
    func location(stack: String, resource: PlannedResource) -> SourceLocation {
        let parts = resource.module.split(separator: ".")
        if parts.count >= 2 {
            let name = parts[1].split(separator: "[").first.map(String.init) ?? String(parts[1])
            return location(stack: stack, key: name, after: "module")
        }
        return location(stack: stack, key: resource.type, after: "resource")
    }
}
