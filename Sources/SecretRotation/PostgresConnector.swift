import Crypto
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// Opens PostgreSQL connections for rotation: always TLS, always verifying the server certificate
/// against the configured CA bundle. There is no plaintext or unverified mode to fall back to,
/// whatever the secret says.
public struct PostgresConnector: Sendable {
    let context: NIOSSLContext
    let connectTimeout: TimeAmount

    /// - Parameter caBundlePath: PEM file of the CAs the database certificate must chain to
    ///   (for RDS, its regional bundle); nil trusts the system store.
    public init(caBundlePath: String?, connectTimeout: TimeAmount = .seconds(10)) throws {
        self.context = try Self.verifyingTLS(caBundlePath: caBundlePath)
        self.connectTimeout = connectTimeout
    }

    /// TLS 1.2 or later with the server certificate verified against `caBundlePath` (nil: the
    /// system store); for every client of a database whose login a rotation manages.
    public static func verifyingTLS(caBundlePath: String?) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let caBundlePath { tls.trustRoots = .file(caBundlePath) }
        return try NIOSSLContext(configuration: tls)
    }

    static let quietLogger = Logger(label: "secret-rotation.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` on a fresh connection made as `login`, and closes it.
    public func withConnection<T: Sendable>(
        _ login: PostgresLogin, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var configuration = PostgresConnection.Configuration(
            host: login.host, port: login.port, username: login.username, password: login.password,
            database: login.dbname, tls: .require(context))
        configuration.options.connectTimeout = connectTimeout
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.quietLogger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Whether `login` can sign in; false only for a refused password (28P01) or a login that
    /// does not exist (28000). Every other failure, TLS above all, is thrown.
    public func canLogIn(_ login: PostgresLogin) async throws -> Bool {
        do {
            try await withConnection(login) { connection in
                _ = try await connection.query("SELECT 1", logger: Self.quietLogger).collect()
            }
            return true
        } catch let error as PSQLError where Self.isAuthenticationFailure(error) {
            return false
        }
    }

    static func isAuthenticationFailure(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "28P01" || state == "28000"
    }

    /// `"name"` with embedded quotes doubled: a role name as an SQL identifier.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The SCRAM-SHA-256 verifier of `password`, so `ALTER ROLE` never carries the password itself
    /// (statement logs on the server cannot leak it).
    static func scramVerifier(password: String, iterations: Int = 4096) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let key = SymmetricKey(data: Array(password.utf8))
        var block = Data(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var salted = block
        for _ in 1..<iterations {
            block = Data(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in salted.indices { salted[index] ^= block[index] }
        }
        let saltedKey = SymmetricKey(data: salted)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: saltedKey))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: saltedKey))
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }

    /// `ALTER ROLE ... PASSWORD '<verifier>'`; the verifier is base64 and punctuation only.
    static func setPasswordStatement(role: String, password: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "ALTER ROLE \(identifier(role)) PASSWORD '\(scramVerifier(password: password))'")
    }
}
