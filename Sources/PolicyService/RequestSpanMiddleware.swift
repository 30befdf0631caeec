import Hummingbird
import Tracing

/// Opens a server span for each request with the route, method and final status, continuing a
/// trace the caller propagated (W3C `traceparent`) when the tracer understands it.
///
/// The policy server adds it only when it was given a tracer, so a service running without
/// tracing pays nothing per request; token verification and the decision get child spans.
struct RequestSpanMiddleware: RouterMiddleware {
    typealias Context = PolicyRequestContext
    let tracer: any Tracer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var parent = InstrumentationContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let span = tracer.startSpan("\(request.method.rawValue) \(request.uri.path)", context: parent, ofKind: .server)
        defer { span.end() }
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["url.path"] = request.uri.path
        do {
            let response = try await InstrumentationContext.$current.withValue(span.context) {
                try await next(request, context)
            }
            Self.finish(span, status: response.status, route: context.endpointPath)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            Self.finish(span, status: status, route: context.endpointPath)
            if status.code >= 500 { span.recordError(error) }
            throw error
        }
    }

    static func finish(_ span: any Span, status: HTTPResponse.Status, route: String?) {
        if let route {
            span.operationName = route
            span.attributes["http.route"] = route
        }
        span.attributes["http.response.status_code"] = Int(status.code)
        if status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
    }
}

/// Reads trace headers from Hummingbird's request fields.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from fields: HTTPFields) -> String? {
        let name = key.lowercased()
        return fields.first { $0.name.canonicalName == name }?.value
    }
}
