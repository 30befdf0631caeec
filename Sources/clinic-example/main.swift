import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PlinthAuth

// A small clinic API guarded by PlinthAuth: tokens are verified in-process against the issuer's
// JWKS, and every route checks its permission against the policy bundle fetched from the policy
// service (refreshed in the background with its ETag; the routes fail closed once it is stale).
//
// Configuration (environment): PLINTH_ISSUER, PLINTH_AUDIENCE, PLINTH_CLAIMS_NAMESPACE,
// PLINTH_POLICY_URL (default http://127.0.0.1:8080), PORT (default 8081).

let environment = ProcessInfo.processInfo.environment
guard let issuer = environment["PLINTH_ISSUER"], let audience = environment["PLINTH_AUDIENCE"],
    let namespace = environment["PLINTH_CLAIMS_NAMESPACE"]
else {
    FileHandle.standardError.write(Data("clinic-example: set PLINTH_ISSUER, PLINTH_AUDIENCE and PLINTH_CLAIMS_NAMESPACE\n".utf8))
    exit(2)
}
let policyURL = environment["PLINTH_POLICY_URL"] ?? "http://127.0.0.1:8080"
let port = Int(environment["PORT"] ?? "") ?? 8081
let logger = Logger(label: "clinic-example")

let keys = JWKSKeyCache(url: (issuer.hasSuffix("/") ? issuer : issuer + "/") + ".well-known/jwks.json", client: .shared)
let verifier = TokenVerifier(
    configuration: VerifierConfiguration(
        issuer: issuer, audience: audience,
        claims: ClaimMapping(namespace: namespace)), keys: keys)
let cache = BundleCache(maximumAge: 60)
let refresher = BundleRefresher(url: policyURL + "/v1/bundle", cache: cache, client: .shared, interval: .seconds(10), logger: logger)
let enforcer = PolicyEnforcer(cache: cache)

let router = ClinicRoutes.router(verifier: verifier, enforcer: enforcer)

let refreshTask = Task { await refresher.run() }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
refreshTask.cancel()
