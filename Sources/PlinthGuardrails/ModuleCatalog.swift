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

    /// `resource "aws_x" "name"` at the start of a line -> aws_x. Scans the bytes: splitting the
    /// modules' text into lines was a seventh of a whole check.
    static func resourceTypes(inHCL body: String) -> Set<String> {
        let bytes = Array(body.utf8)
        let keyword = Array("resource \"".utf8)
        var types: Set<String> = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if lineEnd - lineStart > keyword.count, bytes[lineStart..<lineStart + keyword.count].elementsEqual(keyword) {
                let nameStart = lineStart + keyword.count
                if let nameEnd = bytes[nameStart..<lineEnd].firstIndex(of: UInt8(ascii: "\"")) {
                    types.insert(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self))
                }
            }
            lineStart = lineEnd + 1
        }
        return types
    }
}
