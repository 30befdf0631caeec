import Foundation
import Hummingbird
import Tracing

/// Verifies the `Authorization: Bearer` token of every request it sees and stores the caller in the
/// context; a missing or invalid token is answered 401 before any handler runs, and a token that
/// cannot be checked because the issuer's keys are unreachable is answered 503.
public struct BearerTokenMiddleware<Context: PlinthAuthRequestContext>: RouterMiddleware {
    let verifier: TokenVerifier
    let tracer: (any Tracer)?

    /// With a `tracer`, each verification is a span carrying the subject or the reason for refusal
    /// (never the token); without one, nothing is traced and nothing is paid for it.
    public init(verifier: TokenVerifier, tracer: (any Tracer)? = nil) {
        self.verifier = verifier
        self.tracer = tracer
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = BearerTokenMiddleware.bearerToken(in: request) else {
            throw Problem.unauthorized(.missingToken)
        }
        var context = context
        do {
            context.identity = try await verify(token)
        } catch {
            context.logger.info("token refused", metadata: ["reason": .string(error.message)])
            if error == .keysUnavailable { throw Problem.issuerUnavailable(error) }
            throw Problem.unauthorized(error)
        }
        context.logger[metadataKey: "subject"] = .string(context.identity?.subject ?? "")
        return try await next(request, context)
    }

    func verify(_ token: String) async throws(AuthError) -> AuthenticatedPrincipal {
        guard let tracer else { return try await verifier.verify(token) }
        let span = tracer.startSpan("auth.verify_token")
        defer { span.end() }
        do {
            let identity = try await verifier.verify(token)
            span.attributes["enduser.id"] = identity.subject
            span.attributes["auth.machine"] = identity.isMachine
            return identity
        } catch {
            span.attributes["auth.failure"] = error.message
            throw error
        }
    }

    /// The token of an `Authorization: Bearer <token>` header, or nil.
    public static func bearerToken(in request: Request) -> String? {
        guard let value = authorization(in: request.headers) else { return nil }
        if let token = plainBearerToken(value) { return token }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The `Authorization` value: the field's own string when there is one field (no copy), else
    /// what `HTTPFields` gives, the values joined with ", " (which no token reading then accepts).
    static func authorization(in headers: HTTPFields) -> String? {
        var single: String?
        for field in headers where field.name == .authorization {
            guard single == nil else { return headers[.authorization] }
            single = field.value
        }
        return single
    }

    /// The usual header, `Bearer ` and a token of printable ASCII without spaces, read without
    /// Foundation; nil for anything else, which the general path above then handles.
    static func plainBearerToken(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { bytes -> String? in
            guard bytes.count > 7 else { return nil }
            for (index, expected) in "Bearer ".utf8.enumerated() where bytes[index] != expected { return nil }
            let token = UnsafeBufferPointer(rebasing: bytes[7...])
            for byte in token where byte <= 0x20 || byte >= 0x7F { return nil }
            return String(decoding: token, as: UTF8.self)
        }
    }
}
