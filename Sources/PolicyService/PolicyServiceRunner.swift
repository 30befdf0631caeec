import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PlinthAWS
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

        let environment = ProcessInfo.processInfo.environment
        let postgresURL = options.postgresURL(environment: environment)
        let postgresSecret = options.postgresSecret(environment: environment)
        let store: any PolicyStore =
            if let arn = postgresSecret {
                PostgresPolicyStore(
                    login: try SecretsManagerPostgresLogin(
                        secrets: secretsClient(secretARN: arn, environment: environment),
                        secretID: arn, caBundlePath: options.postgresCABundle), logger: logger)
            } else if let url = postgresURL {
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
                "address": "\(options.host):\(options.port)",
                "store": .string(postgresSecret == nil && postgresURL == nil ? "sqlite" : "postgres"),
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

    /// The client the secret is read with: the instance role's credentials from the metadata
    /// service, or a key pair in the environment where one is set (Lambda, the local emulator);
    /// the region from the ARN; `PLINTH_AWS_ENDPOINT` only for the local emulator.
    static func secretsClient(secretARN: String, environment: [String: String]) -> @Sendable () async throws -> SecretsManagerClient {
        let arnFields = secretARN.split(separator: ":", omittingEmptySubsequences: false)
        let region = arnFields.count > 3 && !arnFields[3].isEmpty ? String(arnFields[3]) : environment["AWS_REGION"] ?? "us-east-1"
        let endpoint = environment["PLINTH_AWS_ENDPOINT"].flatMap(AWSEndpoint.emulator(url:)) ?? .aws
        if let credentials = AWSCredentials.fromEnvironment(environment) {
            let client = SecretsManagerClient(client: AWSClient(endpoint: endpoint, region: region, credentials: credentials))
            return { client }
        }
        let role = InstanceRoleCredentials(endpoint: environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254")
        return {
            SecretsManagerClient(client: AWSClient(endpoint: endpoint, region: region, credentials: try await role.current()))
        }
    }
}
