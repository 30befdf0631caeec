import Testing

/// `rotation.strategy` and `rotation.signingKey`: what the rotation function needs to know per secret.
@Suite struct RotationStrategyRuleTests {
    let base = SpecFixture()

    func diagnostics(_ fixture: SpecFixture) throws -> [String] {
        try fixture.load().diagnostics.map { "\($0.code) \($0.path): \($0.message)" }
    }

    @Test func theCommittedSpecNamesAStrategyForEveryFunctionSecret() throws {
        #expect(
            try base.load().spec?.secrets.secrets.filter { $0.rotation.kind == .function }.allSatisfy { $0.rotation.strategy != nil }
                == true)
    }

    @Test func aFunctionSecretWithoutStrategyIsRefused() throws {
        let bad = base.replacing("        strategy: postgres-alternating-logins\n", with: "")
        #expect(
            try diagnostics(bad).contains("missing-key secrets.secrets[1].rotation.strategy: rotation kind 'function' needs a strategy"))
    }

    @Test func aSigningKeyNeedsItsJWKSLocation() throws {
        let missing = base.replacing(
            "        signingKey:\n          algorithm: ES256\n          jwks: s3://allergyhub-prod-jwks/service-tokens/jwks.json\n          maxTokenLifetimeSeconds: 3600\n",
            with: "")
        #expect(
            try diagnostics(missing).contains("missing-key secrets.secrets[3].rotation.signingKey: strategy 'signing-key' needs signingKey")
        )
        let bad = base.replacing("jwks: s3://allergyhub-prod-jwks/service-tokens/jwks.json", with: "jwks: https://example.test/jwks.json")
        #expect(
            try diagnostics(bad).contains(
                "invalid-format secrets.secrets[3].rotation.signingKey.jwks: jwks must be s3://<bucket>/<key>, not 'https://example.test/jwks.json'"
            ))
    }
}
