import Foundation

/// `emulator.json`: the emulator plinth started, kept so that a later `up`, `down` or
/// `emulator stop` finds it (and may stop it, by PID).
struct EmulatorRecord: Sendable {
    var file: URL

    init(stateDirectory: URL) {
        file = stateDirectory.appendingPathComponent("emulator.json")
    }

    /// The recorded session, if any.
    func read() -> EmulatorSession? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(EmulatorSession.self, from: data)
    }

    func write(_ session: EmulatorSession) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONEncoder().encode(session).write(to: file, options: .atomic)
        } catch {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot record it in \(file.path): \(error)")
        }
    }

    /// Removes the record when it is still `session` (a newer emulator's record stays).
    func forget(_ session: EmulatorSession) {
        if read() == session { try? FileManager.default.removeItem(at: file) }
    }
}
