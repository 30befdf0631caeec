import Foundation

/// The platform-modules/ directory of this checkout, and its modules: the folders that hold
/// Terraform files (the shared test mocks hold none).
enum PlatformModules {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("platform-modules")

    static func names() -> [String] {
        let manager = FileManager.default
        let entries = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { entry in
            let files = (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(entry).path)) ?? []
            return files.contains { $0.hasSuffix(".tf") }
        }.sorted()
    }
}
