import Foundation
import Hummingbird
import HummingbirdTesting
import PlinthAuth
import PlinthAuthTesting
import PolicyModel
import PolicyService
import Testing

@testable import clinic_example

/// The example service, driven through its own router with tokens from a local issuer and the
/// policy seeded from the repository's platform.yaml (the roles the policy service serves).
@Suite struct ClinicRoutesTests {
    static let platformFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("platform.yaml").path

    struct Setup {
        let issuer: LocalIssuer
        let cache: BundleCache
        let router: Router<PlinthRequestContext>

    }

    static func token(_ issuer: LocalIssuer, _ subject: String, roles: [String], clinic: String?) throws -> HTTPFields {
        [.authorization: "Bearer " + (try issuer.sign(issuer.userClaims(subject: subject, roles: roles, clinic: clinic)))]
    }

    func withExample(_ body: (Setup) async throws -> Void) async throws {
        let issuer = try LocalIssuer()
        try await issuer.start()
        defer { issuer.stop() }
        let keys = JWKSKeyCache(url: issuer.jwksURL, client: .shared, timeout: .seconds(30))
        let verifier = TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: issuer.issuer, audience: issuer.audience, claims: ClaimMapping(namespace: issuer.namespace)), keys: keys)
        let bundle = PolicyBundle(version: 1, document: try PolicySeed.document(platformFile: Self.platformFile))
        let cache = BundleCache(maximumAge: 60)
        cache.install(bundle, etag: bundle.etag)
        let router = ClinicRoutes.router(verifier: verifier, enforcer: PolicyEnforcer(cache: cache))
        try await body(Setup(issuer: issuer, cache: cache, router: router))
    }

    /// Who asks, what, and the status the example must answer.
    struct Case: Sendable, CustomStringConvertible {
        var who: String
        var roles: [String]
        var clinic: String?
        var method: HTTPRequest.Method
        var path: String
        var expected: HTTPResponse.Status
        var description: String { "\(who) \(method) \(path) -> \(expected.code)" }
    }

    static let cases: [Case] = [
        // clinic_admin of clinic-a: settings of its own clinic, records read-only, nothing in clinic-b.
        Case(who: "admin-a", roles: ["clinic_admin"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/settings", expected: .ok),
        Case(
            who: "admin-a", roles: ["clinic_admin"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-b/settings",
            expected: .forbidden),
        Case(
            who: "admin-a", roles: ["clinic_admin"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/patients/p1/record",
            expected: .ok),
        Case(
            who: "admin-a", roles: ["clinic_admin"], clinic: "clinic-a", method: .put, path: "/clinics/clinic-a/patients/p1/record",
            expected: .forbidden),
        Case(
            who: "admin-a", roles: ["clinic_admin"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-b/patients/p1/record",
            expected: .forbidden),
        // allergist of clinic-a: reads and writes records of its clinic only.
        Case(who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/settings", expected: .ok),
        Case(
            who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/patients/p1/record",
            expected: .ok),
        Case(
            who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .put, path: "/clinics/clinic-a/patients/p1/record",
            expected: .noContent),
        Case(
            who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-b/patients/p1/record",
            expected: .forbidden),
        Case(
            who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .put, path: "/clinics/clinic-b/patients/p1/record",
            expected: .forbidden),
        Case(
            who: "doc-a", roles: ["allergist"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-b/settings", expected: .forbidden),
        // patient p1: its own record, read-only; no one else's, no settings.
        Case(who: "p1", roles: ["patient"], clinic: nil, method: .get, path: "/clinics/clinic-a/patients/p1/record", expected: .ok),
        Case(who: "p1", roles: ["patient"], clinic: nil, method: .get, path: "/clinics/clinic-a/patients/p2/record", expected: .forbidden),
        Case(who: "p1", roles: ["patient"], clinic: nil, method: .put, path: "/clinics/clinic-a/patients/p1/record", expected: .forbidden),
        Case(who: "p1", roles: ["patient"], clinic: nil, method: .get, path: "/clinics/clinic-a/settings", expected: .forbidden),
        // A role the policy does not know, and no role at all.
        Case(
            who: "ghost", roles: ["superuser"], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/settings", expected: .forbidden),
        Case(
            who: "nobody", roles: [], clinic: "clinic-a", method: .get, path: "/clinics/clinic-a/patients/nobody/record",
            expected: .forbidden),
    ]

    @Test func eachRoleGetsWhatThePolicyGrants() async throws {
        try await withExample { setup in
            let issuer = setup.issuer
            try await Application(router: setup.router).test(.router) { client in
                for item in Self.cases {
                    let headers = try Self.token(issuer, item.who, roles: item.roles, clinic: item.clinic)
                    try await client.execute(uri: item.path, method: item.method, headers: headers) { response throws in
                        #expect(response.status == item.expected, "\(item)")
                        if item.expected == .forbidden {
                            #expect(response.headers[.contentType] == "application/problem+json", "\(item)")
                        }
                    }
                }
                try await client.execute(
                    uri: "/clinics/clinic-a/patients/p1/record", method: .get,
                    headers: try Self.token(issuer, "doc-a", roles: ["allergist"], clinic: "clinic-a")
                ) { response throws in
                    #expect(String(buffer: response.body) == "record of patient p1")
                }
            }
        }
    }

    @Test func refusesMissingOrForeignTokens() async throws {
        try await withExample { setup in
            let stranger = try LocalIssuer()
            let forged = try stranger.sign(stranger.userClaims(subject: "doc-a", roles: ["allergist"], clinic: "clinic-a"))
            try await Application(router: setup.router).test(.router) { client in
                try await client.execute(uri: "/clinics/clinic-a/settings", method: .get) { response throws in
                    #expect(response.status == .unauthorized)
                }
                try await client.execute(
                    uri: "/clinics/clinic-a/settings", method: .get,
                    headers: [.authorization: "Bearer \(forged)"]
                ) { response throws in
                    #expect(response.status == .unauthorized)
                }
                try await client.execute(uri: "/health/live", method: .get) { response throws in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test func failsClosedOnceThePolicyIsStale() async throws {
        try await withExample { setup in
            let bundle = PolicyBundle(version: 1, document: try PolicySeed.document(platformFile: Self.platformFile))
            setup.cache.install(bundle, etag: bundle.etag, at: Date(timeIntervalSinceNow: -3600))
            let headers = try Self.token(setup.issuer, "admin-a", roles: ["clinic_admin"], clinic: "clinic-a")
            try await Application(router: setup.router).test(.router) { client in
                try await client.execute(uri: "/clinics/clinic-a/settings", method: .get, headers: headers) { response throws in
                    #expect(response.status == .serviceUnavailable)
                }
            }
        }
    }
}
