import Foundation
import PlinthAWS

/// A token-signing key pair: the new public key is published in the JWKS (`setSecret`) before the
/// key can sign anything (`finishSecret` makes it current), and the replaced key stays published
/// until the longest token it may have signed has expired, then the next rotation drops it.
public struct SigningKeyStrategy: RotationStrategy {
    public var algorithm: SigningAlgorithm
    public var publication: JWKSPublication
    /// The longest lifetime of a token signed with this key, in seconds.
    public var maximumTokenLifetime: TimeInterval
    let now: @Sendable () -> Date

    public init(
        algorithm: SigningAlgorithm, publication: JWKSPublication, maximumTokenLifetime: TimeInterval,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.algorithm = algorithm
        self.publication = publication
        self.maximumTokenLifetime = maximumTokenLifetime
        self.now = now
    }

    public func makePending(current: String, context: RotationContext) async throws -> String {
        let existing = try SigningKeySecret.decode(current, secret: context.secretID)
        let time = now().timeIntervalSince1970
        // The replaced key signs until finishSecret, moments from now; a token it signs then lives
        // at most the maximum lifetime.
        var previous = existing.previous.filter { $0.retireAfter > time }
        if let key = existing.key {
            previous.append(.init(jwk: try key.publicJWK(), retireAfter: time + maximumTokenLifetime))
        }
        return try SigningKeySecret(key: try .generate(algorithm), previous: previous).encoded()
    }

    /// The public keys to publish while `pending` is pending or current: its own, the current
    /// one's, and the unexpired previous ones.
    func publishedKeys(pending: SigningKeySecret, current: SigningKeySecret) throws -> [[String: String]] {
        var keys: [[String: String]] = []
        for jwk in try [pending.key?.publicJWK(), current.key?.publicJWK()].compactMap({ $0 }) + pending.previous.map(\.jwk)
        where !keys.contains(where: { $0["kid"] == jwk["kid"] }) {
            keys.append(jwk)
        }
        return keys
    }

    public func setPending(pending: String, current: String, previous: String?, context: RotationContext) async throws {
        let next = try SigningKeySecret.decode(pending, secret: context.secretID)
        let keys = try publishedKeys(pending: next, current: try SigningKeySecret.decode(current, secret: context.secretID))
        try await publication.publish(keys, with: S3Client(client: context.secrets.client))
    }

    public func testPending(pending: String, context: RotationContext) async throws {
        guard let key = try SigningKeySecret.decode(pending, secret: context.secretID).key else {
            throw RotationError.malformedValue(secret: context.secretID, detail: "pending value has no key")
        }
        let published = try await publication.published(with: S3Client(client: context.secrets.client))
        guard published.contains(try key.publicJWK()) else {
            throw RotationError.strategyFailed(
                secret: context.secretID, step: .testSecret, detail: "key \(key.kid) is not published in the JWKS yet")
        }
    }
}
