import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PlinthAuth
import PlinthLoader
import ServiceLifecycle
import Tracing

/// Starts the policy service from options and runs it until SIGTERM/SIGINT.
public enum PolicyServiceRunner {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Sends every log through `JSONLogHandler` into `sink` (the executables pass stdout).
    public static func bootstrapJSONLogging(level: String, sink: @escaping @Sendable (String) -> Void) {
        let level = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label, sink: sink)
            handler.logLevel = level
            return handler
        }
    }

    public static func run(_ options: PolicyServiceOptions, logger: Logger) async throws {
        let loaded = SpecLoader().load(path: options.platformFile)
        guard let spec = loaded.spec else {
            throw StartError(
                description: "\(options.platformFile) is not valid:\n" + loaded.errors.map(\.description).joined(separator: "\n"))
        }
        let seed = try PolicySeed.document(from: spec.identity.application)
        let audience = options.audience ?? spec.identity.customer.apiIdentifier
        let namespace = options.claimsNamespace ?? spec.identity.application.claimsNamespace
        let issuer = options.issuer.hasSuffix("/") ? options.issuer : options.issuer + "/"
        let jwksURL = options.jwksURL ?? "\(issuer).well-known/jwks.json"

        let postgresURL = options.postgresURL(environment: ProcessInfo.processInfo.environment)
        let store: any PolicyStore =
            if let url = postgresURL {
                try PostgresPolicyStore(url: url, logger: logger)
            } else {
                try await SQLitePolicyStore.open(path: options.sqlitePath, logger: logger)
            }
        let metrics = PolicyMetrics()
        let keys = JWKSKeyCache(url: jwksURL, client: .shared, onFetch: { metrics.recordJWKSFetch($0) })
        let verifier = TokenVerifier(
            configuration: VerifierConfiguration(
                issuer: options.issuer, audience: audience,
                claims: ClaimMapping(namespace: namespace, useOrganization: options.organizationAsClinic)), keys: keys)
        var tracing: (tracer: any Tracer, service: any Service)?
        if let endpoint = options.otlpEndpoint(environment: ProcessInfo.processInfo.environment) {
            tracing = try OTLPTracing.backend(endpoint: endpoint, logger: logger)
            logger.info("exporting spans over OTLP/HTTP", metadata: ["endpoint": .string(endpoint)])
        }
        let server = try await PolicyServer.start(
            store: store, seed: seed, verifier: verifier, metrics: metrics,
            tracer: tracing?.tracer, logger: logger)
        logger.info(
            "policy service starting",
            metadata: [
                "address": "\(options.host):\(options.port)", "store": .string(postgresURL == nil ? "sqlite" : "postgres"),
                "policy_version": .stringConvertible(server.snapshot.version ?? 0),
            ])
        var app = Application(
            router: server.router(), configuration: .init(address: .hostname(options.host, port: options.port)),
            logger: logger)
        if let tracing { app.addServices(tracing.service) }
        let watcher = Task { await server.watch(interval: .milliseconds(Int(options.pollSeconds * 1000))) }
        defer { watcher.cancel() }
        try await app.runService()
        try await store.close()
    }
}
