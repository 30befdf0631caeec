import Foundation

/// An Auth0 application's client credentials as the secret holds them.
public struct Auth0ClientCredentials: Sendable, Equatable, Codable {
    /// The tenant's domain, e.g. `allergyhub.eu.auth0.com`.
    public var domain: String
    public var clientID: String
    public var clientSecret: String
    /// The secret of another client whose credentials get the Management API token for the
    /// rotation; nil means this client rotates its own secret.
    public var managerarn: String?

    public init(domain: String, clientID: String, clientSecret: String, managerarn: String? = nil) {
        self.domain = domain
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.managerarn = managerarn
    }

    enum CodingKeys: String, CodingKey {
        case domain, clientID = "client_id", clientSecret = "client_secret", managerarn
    }

    /// Reads a secret value; the error names the secret, never the value.
    public static func decode(_ value: String, secret: String) throws -> Auth0ClientCredentials {
        do {
            return try JSONDecoder().decode(Auth0ClientCredentials.self, from: Data(value.utf8))
        } catch {
            throw RotationError.malformedValue(secret: secret, detail: "not Auth0 client credentials (domain, client_id, client_secret)")
        }
    }

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
