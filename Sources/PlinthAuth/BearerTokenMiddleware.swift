import Foundation
import Hummingbird

/// Verifies the `Authorization: Bearer` token of every request it sees and stores the caller in the
/// context; a missing or invalid token is answered 401 before any handler runs.
public struct BearerTokenMiddleware<Context: PlinthAuthRequestContext>: RouterMiddleware {
    let verifier: TokenVerifier

    public init(verifier: TokenVerifier) {
        self.verifier = verifier
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = BearerTokenMiddleware.bearerToken(in: request) else {
            throw Problem.unauthorized(.missingToken)
        }
        var context = context
        do {
            context.identity = try await verifier.verify(token)
        } catch {
            context.logger.info("token refused", metadata: ["reason": .string(error.message)])
            throw Problem.unauthorized(error)
        }
        context.logger[metadataKey: "subject"] = .string(context.identity?.subject ?? "")
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer <token>` header, or nil.
    public static func bearerToken(in request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
