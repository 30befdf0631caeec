import Foundation
import PlinthLoader
import PlinthRender
import PlinthSpec
import Testing

/// The repository's platform.yaml rendered once per target, plus helpers to read rendered JSON and
/// the modules' variables.tf and outputs.tf.
enum RenderFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func spec() throws -> PlatformSpec {
        let result = SpecLoader().load(path: repositoryRoot.appendingPathComponent("platform.yaml").path)
        return try #require(result.spec, "platform.yaml must load: \(result.errors.map(\.description))")
    }

    static func render(_ target: RenderTarget = .aws) throws -> RenderedInfrastructure {
        try StackRenderer(spec: try spec(), target: target).render()
    }

    static func json(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Module calls of a stack: call name -> body.
    static func modules(_ rendered: RenderedInfrastructure, stack: String) throws -> [String: [String: Any]] {
        let main = try json(rendered.files["\(stack)/main.tf.json"])
        return (main["module"] as? [String: [String: Any]]) ?? [:]
    }

    /// Variable names of a module and whether each has a default, by a simple scan of variables.tf:
    /// `variable "x" {` opens a block; a `default` at depth one inside it makes the variable optional.
    static func variables(ofModule module: String) throws -> [String: Bool] {
        let url = repositoryRoot.appendingPathComponent("platform-modules/\(module)/variables.tf")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: Bool] = [:]
        var current: String?
        var depth = 0
        var heredoc: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let marker = heredoc {
                if line == marker { heredoc = nil }
                continue
            }
            if let range = line.range(of: "<<") {
                heredoc = String(line[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "-~ "))
            }
            if depth == 0, line.hasPrefix("variable \""), let name = line.split(separator: "\"").dropFirst().first {
                current = String(name)
                result[String(name)] = false
            } else if depth == 1, let name = current, line.hasPrefix("default"),
                line.dropFirst("default".count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            {
                result[name] = true
            }
            if !line.hasPrefix("#") {
                var inString = false
                var previous: Character = " "
                for character in line {
                    if character == "\"", previous != "\\" { inString.toggle() }
                    if !inString { if character == "{" { depth += 1 } else if character == "}" { depth -= 1 } }
                    previous = character
                }
            }
            if depth == 0 { current = nil }
        }
        return result
    }

    /// Output names of a module, by scanning outputs.tf for `output "x" {`.
    static func outputs(ofModule module: String) throws -> Set<String> {
        let url = repositoryRoot.appendingPathComponent("platform-modules/\(module)/outputs.tf")
        let text = try String(contentsOf: url, encoding: .utf8)
        return Set(
            text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("output \"") else { return nil }
                return line.split(separator: "\"").dropFirst().first.map(String.init)
            })
    }

    /// The module directory a call's source points at.
    static func moduleName(_ body: [String: Any]) -> String? {
        (body["source"] as? String)?.split(separator: "/").last.map(String.init)
    }

    /// A scratch directory removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-render-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
