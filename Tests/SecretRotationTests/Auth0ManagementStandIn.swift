import Foundation
import Hummingbird
import NIOCore
import PlinthAuthTesting
import Synchronization

/// A local server that behaves as the part of an Auth0 tenant a client-secret rotation uses: the
/// client-credentials grant at `/oauth/token` and `POST /api/v2/clients/{id}/rotate-secret`, with
/// the documented refusals: 401 for a bad token or bad client credentials, 403 for a token without
/// `update:client_keys`, 404 for an unknown client, 429 with `X-RateLimit-Reset` when rate limited.
final class Auth0ManagementStandIn: Sendable {
    struct Client: Sendable {
        var secret: String
        var scopes: [String]
    }

    struct State: Sendable {
        var clients: [String: Client] = [:]
        /// Issued tokens and the client each belongs to.
        var tokens: [String: String] = [:]
        /// How many coming requests (any endpoint) answer 429.
        var rateLimited = 0
        var rotations = 0
    }

    let domain = "allergyhub.eu.auth0.test"
    private let state = Mutex(State())
    private let server = Mutex<(port: Int, task: Task<Void, any Error>?)>((0, nil))

    var baseURL: String { "http://127.0.0.1:\(server.withLock { $0.port })" }
    var rotations: Int { state.withLock { $0.rotations } }

    func addClient(_ id: String, secret: String, scopes: [String]) {
        state.withLock { $0.clients[id] = Client(secret: secret, scopes: scopes) }
    }

    func secret(of id: String) -> String? { state.withLock { $0.clients[id]?.secret } }
    func rateLimit(next count: Int) { state.withLock { $0.rateLimited = count } }
    func revokeTokens() { state.withLock { $0.tokens = [:] } }

    func start() async throws {
        let router = Router()
        router.post("oauth/token") { request, _ -> Response in
            if let limited = self.limited() { return limited }
            let body = try await request.body.collect(upTo: 1 << 16)
            let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
            guard object["grant_type"] as? String == "client_credentials",
                object["audience"] as? String == "https://\(self.domain)/api/v2/"
            else { return Self.json(.badRequest, ["error": "invalid_request", "error_description": "bad grant or audience"]) }
            let id = object["client_id"] as? String ?? ""
            let secret = object["client_secret"] as? String ?? ""
            let token = self.state.withLock { state -> String? in
                guard let client = state.clients[id], client.secret == secret else { return nil }
                let token = UUID().uuidString
                state.tokens[token] = id
                return token
            }
            guard let token else { return Self.json(.unauthorized, ["error": "access_denied", "error_description": "Unauthorized"]) }
            return Self.json(.ok, ["access_token": token, "token_type": "Bearer", "expires_in": 86400])
        }
        router.post("api/v2/clients/:id/rotate-secret") { request, context -> Response in
            if let limited = self.limited() { return limited }
            let id = try context.parameters.require("id")
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            return self.state.withLock { state -> Response in
                guard let bearer, let caller = state.tokens[bearer] else {
                    return Self.json(.unauthorized, ["statusCode": 401, "error": "Unauthorized", "message": "Invalid token"])
                }
                guard state.clients[caller]?.scopes.contains("update:client_keys") == true else {
                    return Self.json(
                        .forbidden,
                        ["statusCode": 403, "error": "Forbidden", "message": "Insufficient scope, expected any of: update:client_keys"])
                }
                guard var client = state.clients[id] else {
                    return Self.json(.notFound, ["statusCode": 404, "error": "Not Found", "message": "The client does not exist"])
                }
                client.secret = UUID().uuidString + UUID().uuidString
                state.clients[id] = client
                state.rotations += 1
                return Self.json(.ok, ["client_id": id, "name": "terraform", "client_secret": client.secret])
            }
        }
        let (port, task) = await LoopbackServer.start(router, label: "auth0-stand-in")
        server.withLock { $0 = (port, task) }
    }

    func stop() { server.withLock { $0.task?.cancel() } }

    /// A 429 with the reset one second from now, while rate limiting is on.
    private func limited() -> Response? {
        let limited = state.withLock { state -> Bool in
            guard state.rateLimited > 0 else { return false }
            state.rateLimited -= 1
            return true
        }
        guard limited else { return nil }
        var response = Self.json(
            .tooManyRequests, ["statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached"])
        response.headers[.init("X-RateLimit-Reset")!] = String(Int(Date().timeIntervalSince1970) + 1)
        response.headers[.init("X-RateLimit-Limit")!] = "10"
        response.headers[.init("X-RateLimit-Remaining")!] = "0"
        return response
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
