import Hummingbird
import PlinthAuth

/// Answers a request for a known path with a method the path does not have: 405 with `Allow`
/// (RFC 9110 §15.5.6) rather than the router's 404.
///
/// The methods come from the router's own routes, so there is one list of what each path accepts.
/// Added to the router after every route, it wraps only the router's fallback for unmatched
/// requests and costs a matched request nothing.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = PolicyRequestContext
    /// A route path and the `Allow` value for it.
    struct Resource: Sendable {
        let path: RouterPath
        let allow: String
        /// Literal segments, to prefer `/a/b` over `/a/{x}` as the router does.
        let literals: Int

        func matches(_ segments: [Substring]) -> Bool {
            segments.count == path.count && zip(path, segments).allSatisfy { element, segment in element ~= segment }
        }
    }

    let resources: [Resource]

    /// `routes` as the router lists them; with `implicitHead`, every path with GET also answers HEAD.
    init(routes: [Router<Context>.RouteDescription], implicitHead: Bool) {
        var methods: [String: (path: RouterPath, methods: Set<String>)] = [:]
        for route in routes {
            methods[route.path.description, default: (route.path, [])].methods.insert(route.method.rawValue)
        }
        resources = methods.values.map { path, declared in
            let all = implicitHead && declared.contains("GET") ? declared.union(["HEAD"]) : declared
            // Only a literal element equals its own text (a capture's text is `{name}`).
            return Resource(
                path: path, allow: all.sorted().joined(separator: ", "),
                literals: path.count { element in element == element.description })
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let segments = request.uri.path.split(separator: "/")
        guard let resource = resources.filter({ $0.matches(segments) }).max(by: { $0.literals < $1.literals }) else {
            return try await next(request, context)
        }
        throw Problem(
            .methodNotAllowed, detail: "\(request.method.rawValue) is not a method of \(resource.path); it has \(resource.allow)",
            headers: [.allow: resource.allow])
    }
}
