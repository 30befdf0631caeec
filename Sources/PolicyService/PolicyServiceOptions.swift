import ArgumentParser

/// Command-line options shared by `policy-service` and `plinth serve policy`.
public struct PolicyServiceOptions: ParsableArguments, Sendable {
    @Option(help: "Address to listen on.")
    public var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    public var port = 8080

    @Option(name: .customLong("sqlite"), help: "SQLite database file (the default store).")
    public var sqlitePath = "policy.sqlite"

    @Option(
        name: .customLong("postgres-url"),
        help:
            "PostgreSQL URL (postgres://user:password@host:port/db); replaces --sqlite. Prefer the PLINTH_POSTGRES_URL environment variable: arguments show in the process list."
    )
    public var postgresURL: String?

    /// The PostgreSQL URL from the flag, else from `PLINTH_POSTGRES_URL`, so a password need not
    /// appear on the command line.
    public func postgresURL(environment: [String: String]) -> String? {
        postgresURL ?? environment["PLINTH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Option(
        name: .customLong("postgres-secret"),
        help:
            "ARN of the Secrets Manager secret holding the PostgreSQL login (host, port, dbname, username, password), read with the process's AWS role and read again when a rotation changes it; replaces --sqlite and --postgres-url. Also PLINTH_POSTGRES_SECRET_ARN."
    )
    public var postgresSecret: String?

    /// The secret ARN from the flag, else from `PLINTH_POSTGRES_SECRET_ARN`.
    public func postgresSecret(environment: [String: String]) -> String? {
        postgresSecret ?? environment["PLINTH_POSTGRES_SECRET_ARN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Option(
        name: .customLong("postgres-ca-bundle"),
        help: "PEM file of the CAs the database certificate must chain to (with --postgres-secret; default: the system store).")
    public var postgresCABundle: String?

    @Option(name: .customLong("platform"), help: "platform.yaml whose identity.application roles seed an empty store.")
    public var platformFile = "platform.yaml"

    @Option(help: "Trusted token issuer (iss), e.g. https://login.example.com/.")
    public var issuer: String

    @Option(help: "Audience (aud) tokens must carry; defaults to identity.customer.apiIdentifier.")
    public var audience: String?

    @Option(name: .customLong("jwks-url"), help: "JWKS URL; defaults to <issuer>.well-known/jwks.json.")
    public var jwksURL: String?

    @Option(
        name: .customLong("claims-namespace"),
        help: "Namespace of the roles and clinic claims; defaults to identity.application.claimsNamespace.")
    public var claimsNamespace: String?

    @Flag(
        name: .customLong("org-as-clinic"), help: "Use the Auth0 Organizations org_id claim as the clinic when the clinic claim is absent.")
    public var organizationAsClinic = false

    @Option(name: .customLong("poll-seconds"), help: "How often to look for versions written by other instances.")
    public var pollSeconds = 1.0

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    public var logLevel = "info"

    @Option(
        name: .customLong("otlp-endpoint"),
        help:
            "Send OpenTelemetry spans over OTLP/HTTP to this collector, e.g. http://127.0.0.1:4318 (also OTEL_EXPORTER_OTLP_ENDPOINT). Without either, nothing is traced."
    )
    public var otlpEndpoint: String?

    /// The OTLP endpoint from the flag, else from the standard OpenTelemetry variables; nil traces nothing.
    public func otlpEndpoint(environment: [String: String]) -> String? {
        let candidates = [otlpEndpoint, environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"], environment["OTEL_EXPORTER_OTLP_ENDPOINT"]]
        return candidates.lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    public init() {}
}
