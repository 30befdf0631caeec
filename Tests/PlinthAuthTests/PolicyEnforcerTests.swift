import Foundation
import Hummingbird
import HummingbirdTesting
import PlinthAuth
import PlinthAuthTesting
import PolicyModel
import Testing

@Suite struct PolicyEnforcerTests {
    static let bundle = PolicyBundle(
        version: 3,
        document: PolicyDocument(
            permissions: [PermissionDefinition(name: Permission("patient_record:read")!)],
            roles: [
                Role(name: "allergist", grants: [Grant(permission: Permission("patient_record:read")!, scope: .clinic)]),
                Role(name: "patient", grants: [Grant(permission: Permission("patient_record:read")!, scope: .own)]),
            ]))

    func app(_ fixture: IssuerFixture, cache: BundleCache) -> some ApplicationProtocol {
        let router = Router(context: PlinthRequestContext.self)
        let enforcer = PolicyEnforcer(cache: cache)
        let api = router.group("clinics/{clinicID}").add(middleware: BearerTokenMiddleware(verifier: fixture.verifier))
        api.group("patients/{patientID}")
            .add(middleware: enforcer.require("patient_record:read", scope: .owner(parameter: "patientID", clinicParameter: "clinicID")))
            .get { _, context in "record of \(context.parameters.get("patientID") ?? "")" }
        api.group("typo").add(middleware: enforcer.require("not-a-permission", scope: .clinic(parameter: "clinicID")))
            .get { _, _ in "never" }
        return Application(router: router)
    }

    @Test func enforcesTokenAndPolicy() async throws {
        try await IssuerFixture.with { fixture in
            let cache = BundleCache(maximumAge: 60)
            cache.install(Self.bundle, etag: Self.bundle.etag)
            let issuer = fixture.issuer
            let allergistA = try issuer.sign(issuer.userClaims(subject: "doc", roles: ["allergist"], clinic: "a"))
            let patient1 = try issuer.sign(issuer.userClaims(subject: "p1", roles: ["patient"], clinic: nil))
            try await app(fixture, cache: cache).test(.router) { client in
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get) { response throws in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get, headers: [.authorization: "Bearer junk"]) {
                    response throws in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#)
                }
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get, headers: [.authorization: "Bearer \(allergistA)"]) {
                    response throws in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "record of p9")
                }
                try await client.execute(uri: "/clinics/b/patients/p9", method: .get, headers: [.authorization: "Bearer \(allergistA)"]) {
                    response throws in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("other_clinic"))
                }
                try await client.execute(uri: "/clinics/a/patients/p1", method: .get, headers: [.authorization: "Bearer \(patient1)"]) {
                    response throws in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/clinics/a/patients/p2", method: .get, headers: [.authorization: "Bearer \(patient1)"]) {
                    response throws in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("not_owner"))
                }
                try await client.execute(uri: "/clinics/a/typo", method: .get, headers: [.authorization: "Bearer \(allergistA)"]) {
                    response throws in
                    #expect(response.status == .forbidden)
                }
            }
        }
    }

    @Test func failsClosedWhenTheBundleIsMissingOrStale() async throws {
        try await IssuerFixture.with { fixture in
            let cache = BundleCache(maximumAge: 60)
            let token = try fixture.issuer.sign(fixture.issuer.userClaims(subject: "doc", roles: ["allergist"], clinic: "a"))
            let application = app(fixture, cache: cache)
            try await application.test(.router) { client in
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    response throws in
                    #expect(response.status == .serviceUnavailable)
                }
                cache.install(Self.bundle, etag: Self.bundle.etag, at: Date().addingTimeInterval(-61))
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    response throws in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body).contains("policy-stale"))
                }
                cache.confirm()
                try await client.execute(uri: "/clinics/a/patients/p9", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    response throws in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
