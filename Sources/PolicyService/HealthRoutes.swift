import Hummingbird
import NIOCore
import PlinthAuth

/// What operators and tooling read without a token: liveness, readiness, metrics and this
/// service's OpenAPI document.
struct HealthRoutes: Sendable {
    typealias Context = PolicyRequestContext
    let snapshot: PolicySnapshot
    let metrics: PolicyMetrics

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("health/live", use: live)
            .get("health/ready", use: ready)
            .get("metrics", use: exposition)
            .get("openapi.yaml", use: openAPI)
    }

    struct Status: ResponseEncodable {
        var status: String
        var policyVersion: Int?
    }

    @Sendable func live(_ request: Request, context: Context) async throws -> Status {
        Status(status: "ok")
    }

    /// Ready once a policy is loaded, which `PolicyServer.start` guarantees; 503 otherwise.
    @Sendable func ready(_ request: Request, context: Context) async throws -> Status {
        guard let version = snapshot.version else {
            throw Problem(.serviceUnavailable, title: "Not ready", detail: "no policy loaded")
        }
        return Status(status: "ready", policyVersion: version)
    }

    @Sendable func exposition(_ request: Request, context: Context) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
}
