import Foundation
import NIOSSL
import PlinthAWS
import PostgresNIO
import SecretRotation
import Synchronization

/// Where the store's PostgreSQL login comes from. A source that can change (a rotated secret)
/// gives a new login when asked to refresh after the server refused the one it gave.
public protocol PostgresLoginSource: Sendable {
    /// The login to connect with; `refresh` asks for the newest one instead of a cached copy.
    func configuration(refresh: Bool) async throws -> PostgresConnection.Configuration
}

/// A login fixed at start, from a `postgres://` URL (loopback or a private network; no TLS).
public struct URLPostgresLogin: PostgresLoginSource {
    let fixed: PostgresConnection.Configuration

    /// `postgres://user:password@host:port/database`.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, let user = components.user
        else {
            throw StoreUnavailable("'\(Self.redacted(url))' is not a postgres://user@host/database URL")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password, database: database.isEmpty ? nil : database,
            tls: .disable)
        configuration.options.connectTimeout = .seconds(3)
        self.fixed = configuration
    }

    /// The URL with its password replaced, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://***"
    }

    public func configuration(refresh: Bool) async throws -> PostgresConnection.Configuration { fixed }
}

/// The login held in a Secrets Manager secret (the rotation function's PostgreSQL format), read
/// with the process's own AWS credentials, so no password is ever on the command line or in the
/// environment. The value is cached; the store asks for a refresh when the server refuses it,
/// which is how the service follows a rotation. The connection is always TLS, verified against
/// the CA bundle.
public final class SecretsManagerPostgresLogin: PostgresLoginSource {
    let secrets: @Sendable () async throws -> SecretsManagerClient
    let secretID: String
    let tls: NIOSSLContext
    private let cached = Mutex<PostgresConnection.Configuration?>(nil)
    private let reads = Atomic<Int>(0)

    /// - Parameter caBundlePath: PEM of the CAs the database certificate must chain to (RDS's
    ///   regional bundle); nil trusts the system store.
    public convenience init(secrets: SecretsManagerClient, secretID: String, caBundlePath: String?) throws {
        try self.init(secrets: { secrets }, secretID: secretID, caBundlePath: caBundlePath)
    }

    /// - Parameter secrets: a client for each read, so role credentials that expire are renewed.
    public init(secrets: @escaping @Sendable () async throws -> SecretsManagerClient, secretID: String, caBundlePath: String?) throws {
        self.tls = try PostgresConnector.verifyingTLS(caBundlePath: caBundlePath)
        self.secrets = secrets
        self.secretID = secretID
    }

    /// How many times the secret has been read (the first read and every refresh since).
    public var readCount: Int { reads.load(ordering: .relaxed) }

    public func configuration(refresh: Bool) async throws -> PostgresConnection.Configuration {
        if !refresh, let configuration = cached.withLock({ $0 }) { return configuration }
        reads.add(1, ordering: .relaxed)
        let value: String?
        do {
            // The stage is named: an emulator answers a stage-less read with the pending version.
            value = try await secrets().getSecretValue(id: secretID, versionStage: SecretRotator.current).secretString
        } catch {
            throw StoreUnavailable("cannot read the database secret \(secretID): \(String(describing: error).prefix(200))")
        }
        guard let value else { throw StoreUnavailable("the database secret \(secretID) has no string value") }
        let login: PostgresLogin
        do {
            login = try PostgresLogin.decode(value, secret: secretID)
        } catch {
            throw StoreUnavailable(String(describing: error))
        }
        var configuration = PostgresConnection.Configuration(
            host: login.host, port: login.port, username: login.username, password: login.password,
            database: login.dbname, tls: .require(tls))
        configuration.options.connectTimeout = .seconds(3)
        cached.withLock { $0 = configuration }
        return configuration
    }
}
