import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PlinthAuth
import PlinthAuthTesting
import PolicyModel
import PolicyService
import PostgresNIO
import Tracing

/// Which store a parameterised test runs on.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

struct MissingPostgres: Error, CustomStringConvertible {
    var description: String {
        "PLINTH_TEST_POSTGRES_URL is not set: run the tests through scripts/test-swift, which starts a throwaway PostgreSQL and exports it"
    }
}

enum TestPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let platformFile = root.appendingPathComponent("platform.yaml").path
}

enum TestPostgres {
    /// The server scripts/test-swift started.
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["PLINTH_TEST_POSTGRES_URL"], !url.isEmpty else { throw MissingPostgres() }
        return url
    }

    /// A new, empty database on that server, so tests running in parallel never share tables.
    static func freshDatabaseURL() async throws -> String {
        let url = try serverURL()
        guard var components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw MissingPostgres()
        }
        let name = "plinth_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password, database: "postgres", tls: .disable)
        let logger = Logger(label: "test-postgres")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        try await connection.close()
        components.path = "/" + name
        return components.string ?? url
    }
}

/// A policy server on a fresh store, seeded from the repository's platform.yaml, trusting a local issuer.
struct ServiceFixture {
    let issuer: LocalIssuer
    let server: PolicyServer
    let storeURL: String

    static let seed: PolicyDocument = {
        do { return try PolicySeed.document(platformFile: TestPaths.platformFile) } catch { return PolicyDocument() }
    }()

    static func makeStore(_ kind: StoreKind, url: String? = nil) async throws -> (any PolicyStore, String) {
        switch kind {
        case .sqlite:
            let path = url ?? FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).sqlite").path
            return (try await SQLitePolicyStore.open(path: path), path)
        case .postgres:
            let target: String
            if let url { target = url } else { target = try await TestPostgres.freshDatabaseURL() }
            return (try PostgresPolicyStore(url: target), target)
        }
    }

    static func start(
        _ kind: StoreKind, issuer existing: LocalIssuer? = nil, storeURL: String? = nil,
        tracer: (any Tracer)? = nil
    ) async throws -> ServiceFixture {
        let issuer: LocalIssuer
        if let existing {
            issuer = existing
        } else {
            issuer = try LocalIssuer()
            try await issuer.start()
        }
        let (store, url) = try await makeStore(kind, url: storeURL)
        let keys = JWKSKeyCache(url: issuer.jwksURL, client: .shared, timeout: .seconds(30))
        let verifier = TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: issuer.issuer, audience: issuer.audience,
                claims: ClaimMapping(namespace: issuer.namespace)), keys: keys)
        var logger = Logger(label: "policy-test")
        logger.logLevel = .critical
        let server = try await PolicyServer.start(store: store, seed: seed, verifier: verifier, tracer: tracer, logger: logger)
        return ServiceFixture(issuer: issuer, server: server, storeURL: url)
    }

    func stop() async {
        try? await server.store.close()
        issuer.stop()
    }

    func app() -> some ApplicationProtocol {
        var logger = Logger(label: "policy-test-app")
        logger.logLevel = .critical
        return Application(router: server.router(), logger: logger)
    }

    func user(_ subject: String, roles: [String], clinic: String?) throws -> HTTPFields {
        [
            .authorization: "Bearer " + (try issuer.sign(issuer.userClaims(subject: subject, roles: roles, clinic: clinic))),
            .contentType: "application/json",
        ]
    }

    func machine(scopes: [String], client: String = "admin-cli") throws -> HTTPFields {
        [
            .authorization: "Bearer " + (try issuer.sign(issuer.machineClaims(client: client, scopes: scopes), kid: "ec-1")),
            .contentType: "application/json",
        ]
    }

    var admin: HTTPFields { get throws { try machine(scopes: ["policy:admin"]) } }
}

extension ByteBuffer {
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data((self).readableBytesView))
    }
}

/// Runs `body` against a started fixture, stopping it afterwards whatever happens.
func withService(_ kind: StoreKind, _ body: (ServiceFixture) async throws -> Void) async throws {
    let fixture = try await ServiceFixture.start(kind)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
