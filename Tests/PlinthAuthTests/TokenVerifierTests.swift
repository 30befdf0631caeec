import Foundation
import JWTKit
import PlinthAuth
import PlinthAuthTesting
import Testing

@Suite struct TokenVerifierTests {
    @Test func acceptsRS256AndES256AndMapsClaims() async throws {
        try await IssuerFixture.with { fixture in
            let claims = fixture.issuer.userClaims(subject: "user-1", roles: ["allergist"], clinic: "clinic-a")
            for kid in ["rsa-1", "ec-1"] {
                let principal = try await fixture.verifier.verify(try fixture.issuer.sign(claims, kid: kid))
                #expect(
                    principal
                        == AuthenticatedPrincipal(
                            subject: "user-1", roles: ["allergist"], clinicID: "clinic-a",
                            scopes: [], isMachine: false))
            }
        }
    }

    @Test func machineTokensCarryScopesAndNoRoles() async throws {
        try await IssuerFixture.with { fixture in
            var claims = fixture.issuer.machineClaims(client: "ci", scopes: ["policy:admin", "policy:read"])
            claims["\(fixture.issuer.namespace)/roles"] = ["clinic_admin"]
            let principal = try await fixture.verifier.verify(try fixture.issuer.sign(claims))
            #expect(principal.isMachine)
            #expect(principal.scopes == ["policy:admin", "policy:read"])
            #expect(principal.roles.isEmpty, "a machine token cannot claim user roles")
        }
    }

    @Test func clinicFromOrganizationWhenConfigured() async throws {
        try await IssuerFixture.with(useOrganization: true) { fixture in
            var claims = fixture.issuer.userClaims(subject: "u", roles: ["patient"], clinic: nil)
            claims["org_id"] = "org_123"
            let principal = try await fixture.verifier.verify(try fixture.issuer.sign(claims))
            #expect(principal.clinicID == "org_123")
        }
    }

    @Test func rejectsEveryForgedOrInvalidToken() async throws {
        try await IssuerFixture.with { fixture in
            let issuer = fixture.issuer
            let good = issuer.userClaims(subject: "u", roles: ["patient"], clinic: "a")
            let now = Date()
            func with(_ key: String, _ value: Any) -> [String: Any] {
                var claims = good
                claims[key] = value
                return claims
            }
            let signed = try issuer.sign(good)
            let parts = signed.split(separator: ".").map(String.init)
            let tamperedPayload = try LocalIssuer.encodeSegment(with("\(issuer.namespace)/roles", ["clinic_admin"]))
            let cases: [(String, String, AuthError)] = [
                ("alg none", try issuer.unsigned(good), .unsupportedAlgorithm("none")),
                ("HS256 with the RSA public key", try issuer.hmacWithPublicKey(good), .unsupportedAlgorithm("HS256")),
                ("ES256 header on the RSA key", try issuer.sign(good, kid: "ec-1", header: ["kid": "rsa-1"]), .algorithmMismatch),
                ("wrong iss", try issuer.sign(with("iss", "https://evil.example/")), .wrongIssuer),
                ("wrong aud", try issuer.sign(with("aud", ["https://other.api"])), .wrongAudience),
                ("expired", try issuer.sign(with("exp", Int(now.timeIntervalSince1970) - 120)), .expired),
                ("nbf in the future", try issuer.sign(with("nbf", Int(now.timeIntervalSince1970) + 600)), .notYetValid),
                ("iat in the future", try issuer.sign(with("iat", Int(now.timeIntervalSince1970) + 600)), .issuedInFuture),
                ("no exp", try issuer.sign(good.filter { $0.key != "exp" }), .missingClaim("exp")),
                (
                    "exp as a string", try issuer.sign(with("exp", "never")),
                    .malformed("the payload is not base64url JSON with well-typed registered claims")
                ),
                ("unknown kid", try issuer.sign(good, header: ["kid": "nobody"]), .unknownKey),
                ("no kid", try issuer.sign(good, header: ["kid": ""]), .missingKeyID),
                ("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2], .badSignature),
                ("truncated signature", parts[0] + "." + parts[1] + "." + String(parts[2].dropLast(4)), .badSignature),
                ("two parts", parts[0] + "." + parts[1], .malformed("expected three dot-separated parts")),
                ("oversized", try issuer.sign(with("padding", String(repeating: "x", count: 9000))), .tokenTooLarge(limit: 8192)),
            ]
            for (name, token, expected) in cases {
                let error = await fixture.expectRejected(token, now: now)
                #expect(error == expected, "\(name)")
            }
        }
    }

    @Test func smallClockSkewIsTolerated() async throws {
        try await IssuerFixture.with { fixture in
            let now = Date()
            var claims = fixture.issuer.userClaims(subject: "u", roles: [], clinic: nil, now: now)
            claims["exp"] = Int(now.timeIntervalSince1970) - 10
            claims["nbf"] = Int(now.timeIntervalSince1970) + 10
            _ = try await fixture.verifier.verify(try fixture.issuer.sign(claims), now: now)
        }
    }

    @Test func unknownKidRefetchesAtMostOncePerInterval() async throws {
        try await IssuerFixture.with(refetchInterval: 60) { fixture in
            let start = Date()
            let claims = fixture.issuer.userClaims(subject: "u", roles: [], clinic: nil, now: start)
            _ = try await fixture.verifier.verify(try fixture.issuer.sign(claims), now: start)
            #expect(await fixture.keys.fetchCount == 1)

            // A flood of made-up key ids within the interval costs no further fetches.
            for index in 0..<20 {
                let error = await fixture.expectRejected(try fixture.issuer.sign(claims, header: ["kid": "made-up-\(index)"]), now: start)
                #expect(error == .unknownKey)
            }
            #expect(await fixture.keys.fetchCount == 1)
            #expect(fixture.issuer.jwksRequestCount == 1)

            // The issuer rotates in a new key: inside the interval it is still unknown...
            try fixture.issuer.addKey(.ec, kid: "ec-2")
            let rotated = try fixture.issuer.sign(claims, kid: "ec-2")
            #expect(await fixture.expectRejected(rotated, now: start.addingTimeInterval(5)) == .unknownKey)
            // ...and once the interval has passed, one refetch finds it.
            let later = start.addingTimeInterval(61)
            _ = try await fixture.verifier.verify(rotated, now: later)
            _ = try await fixture.verifier.verify(rotated, now: later)
            #expect(await fixture.keys.fetchCount == 2)
        }
    }

    @Test func tokensFromAnotherJWTLibraryVerify() async throws {
        // Independent check of the wire format: JWTKit signs, our verifier verifies against a JWKS.
        let signer = ES256PrivateKey()
        let collection = JWTKeyCollection()
        await collection.add(ecdsa: signer, kid: "jwtkit-1")
        guard let parameters = signer.publicKey.parameters else {
            Issue.record("no public key parameters")
            return
        }
        let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","kid":"jwtkit-1","alg":"ES256","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        let keys = JWKSKeyCache { Data(jwks.utf8) }
        let verifier = TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: "https://issuer.test/", audience: "api",
                claims: ClaimMapping(namespace: "https://ns")),
            keys: keys)
        struct Payload: JWTPayload {
            var iss: IssuerClaim
            var aud: AudienceClaim
            var sub: SubjectClaim
            var exp: ExpirationClaim
            var iat: IssuedAtClaim
            func verify(using algorithm: some JWTAlgorithm) throws {}
        }
        let now = Date()
        let token = try await collection.sign(
            Payload(
                iss: "https://issuer.test/", aud: "api", sub: "someone",
                exp: .init(value: now.addingTimeInterval(60)), iat: .init(value: now)),
            kid: "jwtkit-1")
        #expect(try await verifier.verify(token).subject == "someone")
    }
}
