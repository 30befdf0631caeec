import Foundation
import Hummingbird
import PlinthAuth

/// `GET /v1/bundle`: the compiled policy for services that evaluate in process, with its version
/// as ETag so a poll that finds nothing new costs a 304.
struct BundleRoutes: Sendable {
    typealias Context = PolicyRequestContext
    let snapshot: PolicySnapshot

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: bundle)
    }

    @Sendable func bundle(_ request: Request, context: Context) async throws -> Response {
        let state = try snapshot.required()
        let etag = state.bundle.etag
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == etag || tag == "*"
            })
        {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json", .eTag: etag, .cacheControl: "no-cache"],
            body: .init(byteBuffer: state.encoded))
    }
}
