import Foundation
import Hummingbird
import Logging
import NIOCore
import PlinthAuth
import PolicyModel
import Tracing

/// The policy service: a store, the snapshot decisions read, and the HTTP API over both.
public struct PolicyServer: Sendable {
    public let store: any PolicyStore
    public let snapshot: PolicySnapshot
    public let metrics: PolicyMetrics
    public let verifier: TokenVerifier
    /// Spans for requests, token verification, decisions and changes; nil traces nothing and costs nothing.
    public let tracer: (any Tracer)?
    let logger: Logger

    /// Largest accepted request body; larger bodies get 413.
    static let maxBodyBytes = 64 * 1024
    static let maxBatch = 100

    /// Migrates the store, seeds it from `seed` when empty, and loads the snapshot.
    public static func start(store: any PolicyStore, seed: PolicyDocument?, verifier: TokenVerifier,
                             metrics: PolicyMetrics = PolicyMetrics(), tracer: (any Tracer)? = nil,
                             logger: Logger = Logger(label: "plinth.policy")) async throws -> PolicyServer {
        try await store.migrate()
        let snapshot = PolicySnapshot()
        if let seed {
            try snapshot.install(try await store.seedIfEmpty(seed, actor: "seed:platform.yaml", at: Date()))
        } else if let latest = try await store.latest() {
            try snapshot.install(latest)
        } else {
            throw StoreUnavailable("the store is empty and no platform.yaml was given to seed it")
        }
        return PolicyServer(store: store, snapshot: snapshot, metrics: metrics, verifier: verifier, tracer: tracer, logger: logger)
    }

    /// Loads a newer version if another instance wrote one; returns whether the snapshot changed.
    @discardableResult
    public func refresh() async throws -> Bool {
        guard let stored = try await store.latestVersion(), stored > (snapshot.version ?? 0),
              let latest = try await store.latest() else { return false }
        try snapshot.install(latest)
        logger.info("policy snapshot updated", metadata: ["policy_version": .stringConvertible(latest.version)])
        return true
    }

    /// Polls the store every `interval` until cancelled, so a change made through any instance
    /// reaches this one; while the store is down the snapshot simply stays as it is.
    public func watch(interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await refresh()
            } catch {
                logger.warning("policy store poll failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    // MARK: Routes

    public func router() -> Router<PlinthRequestContext> {
        let router = Router(context: PlinthRequestContext.self)
        if let tracer { router.add(middleware: RequestSpanMiddleware(tracer: tracer)) }
        router.add(middleware: ProblemMiddleware(metrics: metrics))
        router.get("health/live") { _, _ in Self.json(["status": "ok"]) }
        router.get("health/ready") { _, _ -> Response in
            guard let version = snapshot.version else {
                throw Problem(.serviceUnavailable, title: "Not ready", detail: "no policy loaded")
            }
            return Self.json(["status": "ready", "policyVersion": version])
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.get("v1/bundle") { request, _ -> Response in
            guard let state = snapshot.current else { throw Problem(.serviceUnavailable, detail: "no policy loaded") }
            let etag = state.bundle.etag
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" }) {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Response(status: .ok, headers: [.contentType: "application/json", .eTag: etag, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: state.encoded))
        }

        let authenticated = router.group("v1").add(middleware: BearerTokenMiddleware(verifier: verifier, tracer: tracer))
        authenticated.post("check") { request, context -> Response in
            let body = try await Self.decodeCheck(request, context)
            let principal = try Self.principal(for: body.principal, context)
            return try Self.respond(check(principal, action: body.action, resource: body.resource, context: context))
        }
        authenticated.post("check/batch") { request, context -> Response in
            let body = try await Self.decode(BatchCheckRequest.self, request, context)
            guard body.checks.count <= Self.maxBatch else {
                throw Problem(.unprocessableContent, detail: "at most \(Self.maxBatch) checks per batch")
            }
            let principal = try Self.principal(for: body.principal, context)
            let results = try body.checks.map { try check(principal, action: $0.action, resource: $0.resource, context: context) }
            return try Self.encode(BatchCheckResponse(results: results, policyVersion: results.first?.policyVersion ?? snapshot.version ?? 0))
        }

        let admin = authenticated.group("admin")
        admin.get("roles") { _, context -> Response in
            try Self.requireScope("policy:read", context)
            return try Self.encode(try Self.current(snapshot).bundle.document.roles)
        }
        admin.get("roles/{role}") { _, context -> Response in
            try Self.requireScope("policy:read", context)
            let name = try context.parameters.require("role")
            guard let role = try Self.current(snapshot).bundle.document.role(named: name) else {
                throw Problem(.notFound, detail: "no role named '\(name)'")
            }
            return try Self.encode(role)
        }
        admin.get("versions") { _, context -> Response in
            try Self.requireScope("policy:read", context)
            return try Self.encode(try await store.history(limit: 1000))
        }
        admin.get("audit") { _, context -> Response in
            try Self.requireScope("policy:read", context)
            return try Self.encode(try await store.auditLog(limit: 10000))
        }
        admin.post("roles") { request, context -> Response in
            let actor = try Self.requireScope("policy:admin", context)
            let body = try await Self.decode(RoleBody.self, request, context)
            guard let name = body.name else { throw Problem(.unprocessableContent, detail: "the role needs a name") }
            let role = Role(name: name, description: body.description ?? "", grants: body.grants ?? [])
            return try await change(.createRole(role), actor: actor, status: .created, context: context)
        }
        admin.put("roles/{role}") { request, context -> Response in
            let actor = try Self.requireScope("policy:admin", context)
            let name = try context.parameters.require("role")
            let body = try await Self.decode(RoleBody.self, request, context)
            if let named = body.name, named != name { throw Problem(.unprocessableContent, detail: "the body names role '\(named)', the path '\(name)'") }
            let role = Role(name: name, description: body.description ?? "", grants: body.grants ?? [])
            return try await change(.replaceRole(role), actor: actor, status: .ok, context: context)
        }
        admin.delete("roles/{role}") { _, context -> Response in
            let actor = try Self.requireScope("policy:admin", context)
            return try await change(.deleteRole(try context.parameters.require("role")), actor: actor, status: .ok, context: context)
        }
        admin.post("roles/{role}/grants") { request, context -> Response in
            let actor = try Self.requireScope("policy:admin", context)
            let body = try await Self.decode(GrantBody.self, request, context)
            let grant = Grant(permission: body.permission, scope: body.scope)
            return try await change(.addGrant(role: try context.parameters.require("role"), grant: grant), actor: actor, status: .created, context: context)
        }
        admin.delete("roles/{role}/grants/{permission}/{scope}") { _, context -> Response in
            let actor = try Self.requireScope("policy:admin", context)
            guard let permission = Permission(try context.parameters.require("permission")),
                  let scope = GrantScope(rawValue: try context.parameters.require("scope")) else {
                throw Problem(.notFound, detail: "no such grant")
            }
            let grant = Grant(permission: permission, scope: scope)
            return try await change(.removeGrant(role: try context.parameters.require("role"), grant: grant), actor: actor, status: .ok, context: context)
        }
        return router
    }

    // MARK: Handlers

    func check(_ principal: Principal, action: String, resource: ResourceRef, context: PlinthRequestContext) throws -> CheckResponse {
        let state = try Self.current(snapshot)
        let start = ContinuousClock.now
        let decision = state.compiled.evaluate(principal, action: action, resource: resource)
        metrics.record(allowed: decision.allowed, duration: ContinuousClock.now - start)
        if let tracer { Self.traceDecision(decision, principal: principal, action: action, resource: resource, tracer: tracer) }
        context.logger.info("decision", metadata: [
            "subject": .string(principal.subject), "action": .string(action),
            "decision": .string(decision.allowed ? "allow" : "deny"), "reason": .string(decision.reason?.rawValue ?? ""),
        ])
        return CheckResponse(decision)
    }

    func change(_ change: PolicyChange, actor: String, status: HTTPResponse.Status, context: PlinthRequestContext) async throws -> Response {
        let bundle: PolicyBundle
        if let tracer {
            bundle = try await tracer.withSpan("policy.change") { span in
                span.attributes["policy.change"] = change.kind
                span.attributes["policy.role"] = change.roleName
                span.attributes["enduser.id"] = actor
                let bundle = try await store.apply(change, actor: actor, at: Date())
                span.attributes["policy.version"] = bundle.version
                return bundle
            }
        } else {
            bundle = try await store.apply(change, actor: actor, at: Date())
        }
        try snapshot.install(bundle)
        context.logger.info("policy changed", metadata: [
            "change": .string(change.kind), "role": .string(change.roleName), "policy_version": .stringConvertible(bundle.version),
        ])
        var response = try Self.encode(ChangeResponse(policyVersion: bundle.version, role: bundle.document.role(named: change.roleName)))
        response.status = status
        return response
    }

    /// Records a decision as a span that starts and ends at once: evaluation takes well under a
    /// microsecond, so the span carries the outcome rather than a duration worth measuring.
    static func traceDecision(_ decision: Decision, principal: Principal, action: String, resource: ResourceRef, tracer: any Tracer) {
        let span = tracer.startSpan("policy.decision")
        span.updateAttributes { attributes in
            attributes["enduser.id"] = principal.subject
            attributes["policy.action"] = action
            attributes["policy.resource.kind"] = resource.kind
            attributes["policy.decision"] = decision.allowed ? "allow" : "deny"
            attributes["policy.version"] = decision.policyVersion
            if let grant = decision.grant {
                attributes["policy.grant"] = "\(grant.role) \(grant.permission) \(grant.scope.rawValue)"
            }
            if let reason = decision.reason { attributes["policy.deny_reason"] = reason.rawValue }
        }
        span.end()
    }

    static func current(_ snapshot: PolicySnapshot) throws -> PolicySnapshot.State {
        guard let state = snapshot.current else { throw Problem(.serviceUnavailable, detail: "no policy loaded") }
        return state
    }

    /// Users are checked as themselves; a service names the principal and needs `policy:read`.
    static func principal(for explicit: Principal?, _ context: PlinthRequestContext) throws -> Principal {
        guard let identity = context.identity else { throw Problem.unauthorized(.missingToken) }
        if identity.isMachine {
            guard identity.scopes.contains("policy:read") || identity.scopes.contains("policy:admin") else {
                throw Problem.forbidden("a service checking for a principal needs the policy:read scope")
            }
            guard let explicit else { throw Problem(.unprocessableContent, detail: "a service must name the principal to check") }
            return explicit
        }
        guard explicit == nil || explicit == identity.principal else {
            throw Problem.forbidden("a user token can only check its own principal")
        }
        return identity.principal
    }

    /// Admin routes need a machine token (no user behind it) whose scope holds `scope`; returns the actor.
    @discardableResult
    static func requireScope(_ scope: String, _ context: PlinthRequestContext) throws -> String {
        guard let identity = context.identity else { throw Problem.unauthorized(.missingToken) }
        guard identity.isMachine else { throw Problem.forbidden("the admin API needs a machine-to-machine token, not a user token") }
        let satisfied = identity.scopes.contains(scope) || (scope == "policy:read" && identity.scopes.contains("policy:admin"))
        guard satisfied else { throw Problem.forbidden("the token's scope lacks \(scope)") }
        return identity.subject
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: PlinthRequestContext) async throws -> T {
        try decode(type, from: try await collect(request))
    }

    /// A check body: the common shape is read without Foundation; anything else, valid or not,
    /// goes through `JSONDecoder`, so acceptance and errors are the same either way.
    static func decodeCheck(_ request: Request, _ context: PlinthRequestContext) async throws -> CheckRequest {
        let buffer = try await collect(request)
        if let request = CheckRequestReader.read(buffer) { return request }
        return try decode(CheckRequest.self, from: buffer)
    }

    static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            throw Problem(.contentTooLarge, detail: "the body is larger than \(maxBodyBytes) bytes")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data((buffer).readableBytesView))
        } catch {
            throw Problem(.badRequest, type: "https://plinth.dev/problems/malformed-body", title: "Malformed body",
                          detail: "the body is not a valid \(T.self) JSON document")
        }
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    /// A check answer, written directly when it can be (see `CheckResponseWriter`).
    static func respond(_ response: CheckResponse) throws -> Response {
        guard let buffer = CheckResponseWriter.write(response) else { return try encode(response) }
        return Response(status: .ok, headers: jsonHeaders, body: .init(byteBuffer: buffer))
    }

    static func encode(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func json(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error into RFC 9457 problem+json: store outages become 503, refused changes 404/409/422,
/// and anything unexpected a bare 500 whose details stay in the log.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = PlinthRequestContext
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
            throw Problem(.serviceUnavailable, type: "https://plinth.dev/problems/store-unavailable", title: "Storage unavailable",
                          detail: "the policy store cannot be reached; nothing was changed", headers: [.retryAfter: "5"])
        } catch let error as HTTPError {
            throw Problem(error.status, detail: error.body)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            throw Problem(.internalServerError, detail: "an internal error occurred")
        }
    }
}
