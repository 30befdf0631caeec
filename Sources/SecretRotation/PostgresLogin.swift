import Foundation

/// A database login as Secrets Manager's PostgreSQL secrets hold it (the field names of AWS's own
/// rotation templates, so existing secrets need no conversion).
public struct PostgresLogin: Sendable, Equatable, Codable {
    public var engine: String?
    public var host: String
    public var port: Int
    public var dbname: String
    public var username: String
    public var password: String
    /// The administrator's secret (alternating logins only): it creates and alters the two logins.
    public var masterarn: String?

    public init(host: String, port: Int, dbname: String, username: String, password: String, masterarn: String? = nil) {
        self.engine = "postgres"
        self.host = host
        self.port = port
        self.dbname = dbname
        self.username = username
        self.password = password
        self.masterarn = masterarn
    }

    /// Reads a secret value; the error names the secret, never the value.
    public static func decode(_ value: String, secret: String) throws -> PostgresLogin {
        do {
            return try JSONDecoder().decode(PostgresLogin.self, from: Data(value.utf8))
        } catch {
            throw RotationError.malformedValue(secret: secret, detail: "not a PostgreSQL login (host, port, dbname, username, password)")
        }
    }

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
