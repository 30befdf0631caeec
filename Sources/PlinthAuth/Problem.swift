import Foundation
import Hummingbird

/// An RFC 9457 problem details error: thrown from a handler or middleware, it is answered as
/// `application/problem+json` with its status.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A URI naming the kind of problem; `about:blank` means the status says it all.
    public var type: String
    public var title: String
    public var detail: String?
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, type: String = "about:blank", title: String? = nil, detail: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.headers = headers
    }

    /// 401 with the `WWW-Authenticate` challenge RFC 6750 asks for.
    public static func unauthorized(_ error: AuthError) -> Problem {
        let code = error == .missingToken ? "" : #" error="invalid_token""#
        return Problem(
            .unauthorized, type: "https://plinth.dev/problems/invalid-token", title: "Unauthorized",
            detail: error.message, headers: [.wwwAuthenticate: "Bearer\(code)"])
    }

    /// 503 with `Retry-After`: the token could not be checked, which says nothing against it.
    public static func issuerUnavailable(_ error: AuthError) -> Problem {
        Problem(
            .serviceUnavailable, type: "https://plinth.dev/problems/issuer-unavailable", title: "Issuer unavailable",
            detail: error.message, headers: [.retryAfter: "1"])
    }

    public static func forbidden(_ detail: String) -> Problem {
        Problem(.forbidden, type: "https://plinth.dev/problems/forbidden", title: "Forbidden", detail: detail)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: String] = ["type": type, "title": title]
        if let detail { body["detail"] = detail }
        var object: [String: Any] = body
        object["status"] = Int(status.code)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
