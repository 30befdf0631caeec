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

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int
    let maximumLifetime: TimeInterval

    init(capacity: Int, maximumLifetime: TimeInterval) {
        self.capacity = capacity
        self.maximumLifetime = maximumLifetime
    }

    func principal(for token: String, now: Date) -> AuthenticatedPrincipal? {
        let time = now.timeIntervalSince1970
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard time < entry.validUntil else {
                entries[token] = nil
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
            entries[token] = entry
        }
    }
}
