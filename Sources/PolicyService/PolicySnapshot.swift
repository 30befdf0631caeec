import Foundation
import NIOCore
import PolicyModel
import Synchronization

/// The in-memory policy every decision reads; replaced whole when a new version is loaded, so a
/// decision never waits on the database and never sees half a change.
public final class PolicySnapshot: Sendable {
    public struct State: Sendable {
        public let bundle: PolicyBundle
        public let compiled: CompiledPolicy
        /// The bundle as served by `GET /v1/bundle`, encoded once per version.
        public let encoded: ByteBuffer
    }

    private let state = Mutex<State?>(nil)

    public init() {}

    public var current: State? { state.withLock { $0 } }
    public var version: Int? { current?.bundle.version }

    /// Installs `bundle` unless a newer version is already held (a slow poll must not roll back a write).
    public func install(_ bundle: PolicyBundle) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let next = State(bundle: bundle, compiled: CompiledPolicy(bundle), encoded: ByteBuffer(bytes: try encoder.encode(bundle)))
        state.withLock { current in
            if let held = current, held.bundle.version >= bundle.version { return }
            current = next
        }
    }
}
