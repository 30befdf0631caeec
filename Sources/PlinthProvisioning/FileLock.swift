import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock between processes: `flock` on a file. The kernel drops it when its holder
/// exits, however it exits, so a killed run never leaves it held.
enum FileLock {
    /// Runs `body` holding the lock on `file` (created when missing). When another process holds
    /// it, `onWait` is called once and the lock is retried until it is free or the task is cancelled.
    static func withLock<T: Sendable>(
        _ file: URL, onWait: () -> Void, _ body: () async throws -> T
    ) async throws -> T {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        defer { close(descriptor) }
        var waited = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: file.path])
            }
            if !waited {
                waited = true
                onWait()
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
