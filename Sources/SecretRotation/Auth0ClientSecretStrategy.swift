import AsyncHTTPClient
import Foundation
import NIOCore

/// An Auth0 application's client secret, rotated by the Management API
/// (`POST /api/v2/clients/{id}/rotate-secret`, which needs `update:client_keys`).
///
/// Auth0 makes the new secret, so the rotation happens in `createSecret` and its answer becomes the
/// pending value at once; from then on the old secret no longer signs in. `setSecret` has nothing
/// left to do, and `testSecret` proves the new secret gets a token (retrying while Auth0 spreads
/// it, which its documentation says may take up to thirty seconds).
///
/// The Management API token comes from the client named by the secret's `managerarn`, or from
/// the secret's own credentials. With a manager, a crash between Auth0's answer and storing it
/// costs nothing: the rerun rotates again. A client rotating itself cannot sign in again after
/// such a crash, and the rerun says so instead of guessing.
public struct Auth0ClientSecretStrategy: RotationStrategy {
    let httpClient: HTTPClient
    let baseURL: @Sendable (String) -> String
    let propagationTimeout: Duration
    let rateLimitAttempts: Int
    let longestRateLimitWait: Duration

    /// - Parameters:
    ///   - baseURL: the tenant's base URL from its domain (`https://<domain>`; tests point it at a stand-in).
    ///   - propagationTimeout: how long `testSecret` retries a new secret Auth0 still refuses.
    ///   - rateLimitAttempts: calls made in all when Auth0 answers 429, each after its reset time.
    public init(
        httpClient: HTTPClient = .shared, baseURL: @escaping @Sendable (String) -> String = { "https://\($0)" },
        propagationTimeout: Duration = .seconds(30), rateLimitAttempts: Int = 3, longestRateLimitWait: Duration = .seconds(10)
    ) {
        self.httpClient = httpClient
        self.baseURL = baseURL
        self.propagationTimeout = propagationTimeout
        self.rateLimitAttempts = rateLimitAttempts
        self.longestRateLimitWait = longestRateLimitWait
    }

    public func makePending(current: String, context: RotationContext) async throws -> String {
        var credentials = try Auth0ClientCredentials.decode(current, secret: context.secretID)
        var manager = credentials
        if let managerARN = credentials.managerarn {
            guard let value = try await context.secrets.getSecretValue(id: managerARN, versionStage: SecretRotator.current).secretString
            else { throw RotationError.noCurrentValue(secret: managerARN) }
            manager = try Auth0ClientCredentials.decode(value, secret: managerARN)
        }
        let token: String
        do {
            token = try await accessToken(manager)
        } catch let error as Auth0APIError where error.status == 401 && credentials.managerarn == nil {
            throw RotationError.strategyFailed(
                secret: context.secretID, step: .createSecret,
                detail: "Auth0 refuses the current secret of \(credentials.clientID); an earlier rotation may have changed it without"
                    + " storing the new one. Rotate it in the Auth0 dashboard and store the new value as AWSCURRENT, or give the secret a managerarn"
            )
        }
        let (status, body) = try await call(
            "POST", url: "\(baseURL(credentials.domain))/api/v2/clients/\(Self.pathSegment(credentials.clientID))/rotate-secret",
            headers: [("authorization", "Bearer \(token)")], body: nil)
        guard status == 200 else { throw Auth0APIError(status: status, operation: "rotate-secret of \(credentials.clientID)", body: body) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let secret = object["client_secret"] as? String, !secret.isEmpty
        else {
            throw RotationError.strategyFailed(
                secret: context.secretID, step: .createSecret, detail: "rotate-secret answered without client_secret")
        }
        credentials.clientSecret = secret
        return try credentials.encoded()
    }

    /// Auth0 changed the secret in `createSecret`; there is nothing to put into effect.
    public func setPending(pending: String, current: String, previous: String?, context: RotationContext) async throws {}

    public func testPending(pending: String, context: RotationContext) async throws {
        let credentials = try Auth0ClientCredentials.decode(pending, secret: context.secretID)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: propagationTimeout)
        var wait = Duration.milliseconds(200)
        while true {
            do {
                _ = try await accessToken(credentials)
                return
            } catch let error as Auth0APIError where error.status == 401 && clock.now.advanced(by: wait) < deadline {
                try await Task.sleep(for: wait)
                wait = min(wait * 2, .seconds(5))
            }
        }
    }

    /// A Management API token by the client-credentials grant.
    func accessToken(_ credentials: Auth0ClientCredentials) async throws -> String {
        let request: [String: String] = [
            "grant_type": "client_credentials", "client_id": credentials.clientID, "client_secret": credentials.clientSecret,
            "audience": "https://\(credentials.domain)/api/v2/",
        ]
        let (status, body) = try await call(
            "POST", url: "\(baseURL(credentials.domain))/oauth/token", headers: [("content-type", "application/json")],
            body: try JSONSerialization.data(withJSONObject: request))
        guard status == 200 else { throw Auth0APIError(status: status, operation: "token for \(credentials.clientID)", body: body) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let token = object["access_token"] as? String
        else { throw Auth0APIError(status: status, operation: "token for \(credentials.clientID)", body: []) }
        return token
    }

    /// One request, repeated after Auth0's reset time while it answers 429, a bounded number of times.
    func call(
        _ method: String, url: String, headers: [(String, String)], body: Data?
    ) async throws -> (status: Int, body: [UInt8]) {
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .RAW(value: method)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: body ?? Data()))
            let response = try await httpClient.execute(request, timeout: .seconds(15))
            var buffer = try await response.body.collect(upTo: 1 << 20)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let status = Int(response.status.code)
            guard status == 429, attempt < rateLimitAttempts else { return (status, bytes) }
            attempt += 1
            try await Task.sleep(
                for: rateLimitWait(
                    reset: response.headers.first(name: "x-ratelimit-reset"), retryAfter: response.headers.first(name: "retry-after")))
        }
    }

    /// Until `X-RateLimit-Reset` (seconds since 1970), else `Retry-After`, at most `longestRateLimitWait`.
    func rateLimitWait(reset: String?, retryAfter: String?, now: Date = Date()) -> Duration {
        var seconds = 1.0
        if let reset = reset.flatMap(Double.init) {
            seconds = reset - now.timeIntervalSince1970
        } else if let retry = retryAfter.flatMap(Double.init) {
            seconds = retry
        }
        return min(.milliseconds(Int(max(seconds, 0.1) * 1000)), longestRateLimitWait)
    }

    /// A client id as one URL path segment.
    static func pathSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? value
    }
}

/// A refusal from Auth0, with what its documentation gives as the reason for the status; never the
/// request's secrets or tokens.
public struct Auth0APIError: Error, CustomStringConvertible, Equatable {
    public var status: Int
    public var operation: String
    /// Auth0's own `message` or `error_description`, when it sent one.
    public var message: String?

    init(status: Int, operation: String, body: [UInt8]) {
        self.status = status
        self.operation = operation
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        self.message = (object?["message"] ?? object?["error_description"]) as? String
    }

    public var description: String {
        let reason =
            switch status {
            case 401: "the token or the client credentials were refused"
            case 403: "not allowed: the Management API token needs the update:client_keys scope"
            case 404: "no such client in the tenant"
            case 429: "rate limited by Auth0, still after retrying"
            default: "unexpected answer"
            }
        return "Auth0 \(operation): HTTP \(status), \(reason)" + (message.map { " (\($0))" } ?? "")
    }
}
