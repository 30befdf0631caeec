import Foundation
import PlinthSpec

/// Which platform modules a stack or a module uses, read from the rendered files and the module
/// sources. A stack reaches a module through its `module` blocks; a module may call a sibling
/// (`source = "../spoke-vpc"`), so a change to the sibling reaches the caller's stacks too.
public enum ModuleCalls {
    /// Modules the rendered stack calls, by directory name under platform-modules/.
    public static func modules(inStackFiles files: [String: String], stack: String) -> Set<String> {
        guard let text = files[stack + "/main.tf.json"], text.contains("platform-modules/"),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let calls = object["module"] as? [String: Any]
        else { return [] }
        var result = Set<String>()
        for case let body as [String: Any] in calls.values {
            guard let source = body["source"] as? String, let name = moduleName(fromSource: source) else { continue }
            result.insert(name)
        }
        return result
    }

    /// The same, read from a render kept as values (`RenderedStacks.documents`) instead of text.
    public static func modules(inStackDocuments documents: [String: JSONValue], stack: String) -> Set<String> {
        guard case .object(let calls)? = documents[stack + "/main.tf.json"]?["module"] else { return [] }
        var result = Set<String>()
        for (_, body) in calls {
            guard case .string(let source)? = body["source"], let name = moduleName(fromSource: source) else { continue }
            result.insert(name)
        }
        return result
    }

    /// `../../platform-modules/network` -> `network`.
    static func moduleName(fromSource source: String) -> String? {
        guard let range = source.range(of: "platform-modules/", options: .backwards) else { return nil }
        let rest = source[range.upperBound...].split(separator: "/").first.map(String.init)
        return rest?.isEmpty == false ? rest : nil
    }

    /// Sibling modules each module calls (`source = "../name"` in its .tf files).
    public static func siblingCalls(modulesDirectory: URL) -> [String: Set<String>] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: modulesDirectory.path) else { return [:] }
        var result: [String: Set<String>] = [:]
        for name in names where !name.hasPrefix(".") {
            let directory = modulesDirectory.appendingPathComponent(name)
            guard let files = try? fileManager.contentsOfDirectory(atPath: directory.path) else { continue }
            var calls = Set<String>()
            for file in files where file.hasSuffix(".tf") {
                guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else { continue }
                calls.formUnion(siblings(inSource: text))
            }
            if !calls.isEmpty { result[name] = calls }
        }
        return result
    }

    /// Module names of `source = "../name"` lines.
    static func siblings(inSource text: String) -> Set<String> {
        var result = Set<String>()
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("source"), let open = trimmed.range(of: "\"../") else { continue }
            let name = trimmed[open.upperBound...].prefix { $0 != "\"" && $0 != "/" }
            if !name.isEmpty { result.insert(String(name)) }
        }
        return result
    }

    /// The modules whose Terraform differs between two copies of platform-modules/: any file but
    /// documentation, tests and examples (`README.md`, `tests/`, `examples/`, `*.tftest.hcl`, hidden entries), which do not
    /// change what a stack applies. Then every module that calls a changed one, transitively.
    public static func changedModules(base: URL, head: URL) -> Set<String> {
        let old = contents(of: base), new = contents(of: head)
        var changed = Set<String>()
        for path in Set(old.keys).union(new.keys) where old[path] != new[path] {
            if let module = path.split(separator: "/").first { changed.insert(String(module)) }
        }
        return closeOverCallers(
            changed,
            calls: siblingCalls(modulesDirectory: head).merging(siblingCalls(modulesDirectory: base)) {
                $0.union($1)
            })
    }

    /// `changed` plus every module that calls one of them, directly or through another.
    static func closeOverCallers(_ changed: Set<String>, calls: [String: Set<String>]) -> Set<String> {
        var result = changed
        var grew = true
        while grew {
            grew = false
            for (caller, callees) in calls where !result.contains(caller) && !callees.isDisjoint(with: result) {
                result.insert(caller)
                grew = true
            }
        }
        return result
    }

    /// Entries of a module that no stack applies: its documentation, tests and examples.
    static let notApplied: Set<String> = ["README.md", "tests", "examples"]

    /// Relative path -> contents of the files that make up the modules' Terraform.
    static func contents(of root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let fileManager = FileManager.default
        func walk(_ directory: URL, _ prefix: String) {
            guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return }
            for name in names where !name.hasPrefix(".") && !Self.notApplied.contains(name) && !name.hasSuffix(".tftest.hcl") {
                let url = directory.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    walk(url, relative)
                } else if prefix.isEmpty {
                    continue  // files beside the modules (the modules' own README) belong to none
                } else if let data = fileManager.contents(atPath: url.path) {
                    result[relative] = data
                }
            }
        }
        walk(root, "")
        return result
    }
}
