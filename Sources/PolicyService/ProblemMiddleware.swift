import Hummingbird
import PlinthAuth
import PolicyModel

/// Turns every error into RFC 9457 problem+json: store outages become 503, refused changes 404/409/422,
/// the framework's own errors keep their status, and anything unexpected is a bare 500 whose details
/// stay in the log.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = PolicyRequestContext
    let metrics: PolicyMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as PolicyChangeError {
            switch error {
            case .notFound(let message): throw Problem(.notFound, detail: message)
            case .conflict(let message): throw Problem(.conflict, detail: message)
            case .invalid: throw Problem(.unprocessableContent, detail: error.message)
            }
        } catch let error as StoreUnavailable {
            metrics.storeUnavailable.increment()
            context.logger.error("store unavailable", metadata: ["error": .string(error.description)])
            throw Problem(
                .serviceUnavailable, type: "https://plinth.dev/problems/store-unavailable", title: "Storage unavailable",
                detail: "the policy store cannot be reached; nothing was changed", headers: [.retryAfter: "5"])
        } catch let error as HTTPError {
            throw Problem(error.status, detail: error.body, headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw Problem(error.status)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            throw Problem(.internalServerError, detail: "an internal error occurred")
        }
    }
}
