import Foundation
import PlinthAWS
import PlinthAuth
import Synchronization
import Testing

@testable import SecretRotation

/// Signing-key rotations through the emulator's Secrets Manager and S3 (the JWKS), checked with
/// PlinthAuth's own verifier reading the published JWKS.
@Suite(.serialized) struct SigningKeyRotationTests {
    static let issuer = "https://issuer.plinth.test/"
    static let audience = "https://api.plinth.test"

    /// A verifier that refetches the JWKS on every lookup, so what it accepts is what is published.
    static func verifier(_ s3: S3Client, _ publication: JWKSPublication) -> TokenVerifier {
        let keys = JWKSKeyCache(minimumRefetchInterval: 0, maximumAge: 0) {
            Data(try await s3.getObject(bucket: publication.bucket, key: publication.key))
        }
        return TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: issuer, audience: audience, claims: ClaimMapping(namespace: "https://plinth.test")),
            keys: keys)
    }

    static func token(_ key: SigningKeySecret.Key, subject: String, now: Date) throws -> String {
        let time = Int(now.timeIntervalSince1970)
        return try key.sign(claims: ["iss": issuer, "aud": [audience], "sub": subject, "iat": time, "exp": time + 600])
    }

    static func accepts(_ verifier: TokenVerifier, _ token: String, now: Date) async -> Bool {
        (try? await verifier.verify(token, now: now)) != nil
    }

    @Test(arguments: [SigningAlgorithm.es256, .rs256])
    func oldKeysVerifyUntilRetirementAndNewOnesFromFinish(algorithm: SigningAlgorithm) async throws {
        let aws = try await SecretsManagerStandIn.start()
        defer { aws.stop() }
        let publication = JWKSPublication(bucket: "allergyhub-jwks", key: "service-tokens/jwks.json")
        let s3 = S3Client(client: aws.client)
        _ = try await aws.client.send(.s3, method: "PUT", path: "/\(publication.bucket)")
        let secret = try await aws.createSecret(name: "test/identity/signing-key", value: try SigningKeySecret(key: nil).encoded())
        let lifetime: TimeInterval = 3600
        let clock = Mutex(Date())
        let strategy = SigningKeyStrategy(
            algorithm: algorithm, publication: publication, maximumTokenLifetime: lifetime, now: { clock.withLock { $0 } })
        let rotator = SecretRotator(secrets: aws.secrets) { _ in strategy }
        let verifier = Self.verifier(s3, publication)
        func now() -> Date { clock.withLock { $0 } }
        func currentKey() async throws -> SigningKeySecret.Key {
            try #require(try SigningKeySecret.decode(try await aws.value(secret), secret: secret).key)
        }

        // The first rotation makes the first key.
        try await aws.drive(rotator, secret: secret, token: try await aws.startRotation(secret))
        let first = try await currentKey()
        #expect(first.algorithm == algorithm)
        let oldToken = try Self.token(first, subject: "before", now: now())
        #expect(await Self.accepts(verifier, oldToken, now: now()))

        // Second rotation: the new key is published at setSecret, before it is current.
        let token = try await aws.startRotation(secret)
        try await aws.drive(rotator, secret: secret, token: token, steps: [.createSecret, .setSecret])
        let pending = try #require(try SigningKeySecret.decode(try await aws.value(secret, stage: "AWSPENDING"), secret: secret).key)
        #expect(try await currentKey().kid == first.kid)
        #expect(await Self.accepts(verifier, try Self.token(pending, subject: "early", now: now()), now: now()))
        try await aws.drive(rotator, secret: secret, token: token, steps: [.testSecret, .finishSecret])
        let second = try await currentKey()
        #expect(second.kid == pending.kid)
        #expect(await Self.accepts(verifier, try Self.token(second, subject: "after", now: now()), now: now()))
        // The replaced key still verifies while a token it signed may be alive.
        #expect(await Self.accepts(verifier, oldToken, now: now()))
        clock.withLock { $0 += lifetime / 2 }
        try await aws.drive(rotator, secret: secret, token: try await aws.startRotation(secret))
        #expect(await Self.accepts(verifier, try Self.token(first, subject: "half", now: now()), now: now()))

        // A rotation after its lifetime has passed retires it: its tokens are refused.
        clock.withLock { $0 += lifetime * 3 / 4 }
        try await aws.drive(rotator, secret: secret, token: try await aws.startRotation(secret))
        let retired = try Self.token(first, subject: "retired", now: now())
        await #expect(throws: AuthError.unknownKey) { _ = try await verifier.verify(retired, now: now()) }
        #expect(await Self.accepts(verifier, try Self.token(try await currentKey(), subject: "latest", now: now()), now: now()))
        let published = try await JWKSPublication(bucket: publication.bucket, key: publication.key).published(with: s3).compactMap {
            $0["kid"]
        }
        #expect(!published.contains(first.kid))
        #expect(published.contains(second.kid))
    }

    /// Each step in turn is the last one before the process dies; a rerun of the same events
    /// completes the rotation, and tokens of the current key verify throughout.
    @Test func aRotationStoppedAfterEachStepIsCompletedByARerun() async throws {
        let aws = try await SecretsManagerStandIn.start()
        defer { aws.stop() }
        let publication = JWKSPublication(bucket: "allergyhub-jwks-steps", key: "service-tokens/jwks.json")
        let s3 = S3Client(client: aws.client)
        _ = try await aws.client.send(.s3, method: "PUT", path: "/\(publication.bucket)")
        let secret = try await aws.createSecret(name: "test/identity/signing-key", value: try SigningKeySecret(key: nil).encoded())
        let strategy = SigningKeyStrategy(algorithm: .es256, publication: publication, maximumTokenLifetime: 3600)
        let rotator = SecretRotator(secrets: aws.secrets) { _ in strategy }
        let verifier = Self.verifier(s3, publication)
        try await aws.drive(rotator, secret: secret, token: try await aws.startRotation(secret))
        for stoppedAfter in [1, 2, 3] {
            let stages = try await aws.stages(secret)
            let old = try #require(PostgresRotationTests.currentVersion(stages))
            let oldKey = try #require(try SigningKeySecret.decode(try await aws.value(secret), secret: secret).key)
            let token = try await aws.startRotation(secret)
            try await aws.drive(rotator, secret: secret, token: token, steps: Array(RotationEvent.Step.allCases.prefix(stoppedAfter)))
            #expect(try await aws.stages(secret)[token] == ["AWSPENDING"], "stopped after \(stoppedAfter)")
            #expect(await Self.accepts(verifier, try Self.token(oldKey, subject: "during", now: Date()), now: Date()))
            try await aws.drive(rotator, secret: secret, token: token)
            PostgresRotationTests.expectFinished(try await aws.stages(secret), token: token, old: old)
            let newKey = try #require(try SigningKeySecret.decode(try await aws.value(secret), secret: secret).key)
            #expect(newKey.kid != oldKey.kid, "stopped after \(stoppedAfter)")
            #expect(await Self.accepts(verifier, try Self.token(newKey, subject: "after", now: Date()), now: Date()))
            #expect(await Self.accepts(verifier, try Self.token(oldKey, subject: "old", now: Date()), now: Date()))
        }
    }
}
