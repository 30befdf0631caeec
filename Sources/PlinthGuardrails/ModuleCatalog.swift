import Foundation

/// Which resource types each module declares, read from its `.tf` files: lets stack rules see what
/// a module call creates without running Terraform.
public enum ModuleCatalog {
    public static func load(directory: String) -> [String: Set<String>] {
        let fileManager = FileManager.default
        guard let modules = try? fileManager.contentsOfDirectory(atPath: directory) else { return [:] }
        var result: [String: Set<String>] = [:]
        for module in modules {
            let folder = (directory as NSString).appendingPathComponent(module)
            guard let files = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
            var types: Set<String> = []
            for file in files where file.hasSuffix(".tf") {
                guard let body = try? String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8) else {
                    continue
                }
                types.formUnion(resourceTypes(inHCL: body))
            }
            result[module] = types
        }
        return result
    }

    /// `resource "aws_x" "name"` at the start of a line -> aws_x.
    static func resourceTypes(inHCL body: String) -> Set<String> {
        var types: Set<String> = []
        for line in body.split(separator: "\n") where line.hasPrefix("resource \"") {
            let rest = line.dropFirst("resource \"".count)
            if let end = rest.firstIndex(of: "\"") { types.insert(String(rest[rest.startIndex..<end])) }
        }
        return types
    }
}
