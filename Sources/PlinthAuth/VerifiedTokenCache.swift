import Foundation
import Synchronization

/// Tokens that passed every check, remembered briefly so a client reusing its token (the usual case)
/// costs a hash lookup instead of a signature verification.
///
/// An entry lives until the token expires or for `maximumLifetime`, whichever is sooner, so a key
/// the issuer withdraws stops being honoured within that bound. When full, the cache is emptied
/// rather than tracking recency: simple, and the next requests simply verify again.
final class VerifiedTokenCache: Sendable {
    struct Entry: Sendable {
        let principal: AuthenticatedPrincipal
        let validUntil: Double
    }

    /// A token as a dictionary key: equal only when the whole token is equal, hashed on its length
    /// and last 64 bytes. Those bytes are signature, different for every token, so hashing the
    /// whole (often 700-byte) token under the lock bought nothing.
    struct Key: Hashable {
        let token: String

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.token == rhs.token }

        func hash(into hasher: inout Hasher) {
            let utf8 = token.utf8
            hasher.combine(utf8.count)
            let hashedContiguous: Void? = utf8.withContiguousStorageIfAvailable { bytes in
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(64))))
            }
            if hashedContiguous == nil {
                for byte in utf8.suffix(64) { hasher.combine(byte) }
            }
        }
    }

    private let entries = Mutex<[Key: Entry]>([:])
    let capacity: Int
    let maximumLifetime: TimeInterval

    init(capacity: Int, maximumLifetime: TimeInterval) {
        self.capacity = capacity
        self.maximumLifetime = maximumLifetime
    }

    func principal(for token: String, now: Date) -> AuthenticatedPrincipal? {
        let time = now.timeIntervalSince1970
        return entries.withLock { entries in
            let key = Key(token: token)
            guard let entry = entries[key] else { return nil }
            guard time < entry.validUntil else {
                entries[key] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: AuthenticatedPrincipal, for token: String, expiresAt: Double, now: Date) {
        guard capacity > 0 else { return }
        let entry = Entry(principal: principal, validUntil: min(expiresAt, now.timeIntervalSince1970 + maximumLifetime))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(token: token)] = entry
        }
    }
}
