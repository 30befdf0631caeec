import Hummingbird
import PlinthAuth
import PolicyModel
import Tracing

/// `POST /v1/check` and `/v1/check/batch`: decisions answered from the in-memory snapshot.
///
/// The single check is the hot path: its body is read and its answer written without Foundation
/// whenever they have the common shape (`CheckRequestReader`, `CheckResponseWriter`); anything
/// else goes through the context's coders, so acceptance and errors are the same either way.
struct CheckRoutes: Sendable {
    typealias Context = PolicyRequestContext
    static let maxBatch = 100

    let snapshot: PolicySnapshot
    let metrics: PolicyMetrics
    let tracer: (any Tracer)?

    /// Routes for a group whose middleware has verified the caller's token.
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .post(use: check)
            .post("batch", use: checkBatch)
    }

    @Sendable func check(_ request: Request, context: Context) async throws -> Response {
        let buffer = try await PolicyRequestDecoder.collect(request, context: context)
        let body = try CheckRequestReader.read(buffer) ?? context.requestDecoder.decode(CheckRequest.self, from: buffer)
        let principal = try Self.principal(for: body.principal, context)
        let answer = try decide(principal, action: body.action, resource: body.resource, context: context)
        guard let encoded = CheckResponseWriter.write(answer) else {
            return try context.responseEncoder.encode(answer, from: request, context: context)
        }
        return Response(status: .ok, headers: PolicyResponseEncoder.headers, body: .init(byteBuffer: encoded))
    }

    @Sendable func checkBatch(_ request: Request, context: Context) async throws -> BatchCheckResponse {
        let body = try await request.decode(as: BatchCheckRequest.self, context: context)
        guard body.checks.count <= Self.maxBatch else {
            throw Problem(.unprocessableContent, detail: "at most \(Self.maxBatch) checks per batch")
        }
        let principal = try Self.principal(for: body.principal, context)
        let results = try body.checks.map { try decide(principal, action: $0.action, resource: $0.resource, context: context) }
        return BatchCheckResponse(results: results, policyVersion: results.first?.policyVersion ?? snapshot.version ?? 0)
    }

    func decide(_ principal: Principal, action: String, resource: ResourceRef, context: Context) throws -> CheckResponse {
        let state = try snapshot.required()
        let start = ContinuousClock.now
        let decision = state.compiled.evaluate(principal, action: action, resource: resource)
        metrics.record(allowed: decision.allowed, duration: ContinuousClock.now - start)
        if let tracer { Self.traceDecision(decision, principal: principal, action: action, resource: resource, tracer: tracer) }
        context.logger.info(
            "decision",
            metadata: [
                "subject": .string(principal.subject), "action": .string(action),
                "decision": .string(decision.allowed ? "allow" : "deny"), "reason": .string(decision.reason?.rawValue ?? ""),
            ])
        return CheckResponse(decision)
    }

    /// Users are checked as themselves; a service names the principal and needs `policy:read`.
    ///
    /// A service that names nobody is refused with 403, not 422: the body is well formed (a user's
    /// check has the same shape), it is this kind of caller that may not ask it.
    static func principal(for explicit: Principal?, _ context: Context) throws -> Principal {
        guard let identity = context.identity else { throw Problem.unauthorized(.missingToken) }
        if identity.isMachine {
            guard identity.scopes.contains("policy:read") || identity.scopes.contains("policy:admin") else {
                throw Problem.forbidden("a service checking for a principal needs the policy:read scope")
            }
            guard let explicit else {
                throw Problem.forbidden("a service token has no principal of its own: name the principal to check")
            }
            return explicit
        }
        guard explicit == nil || explicit == identity.principal else {
            throw Problem.forbidden("a user token can only check its own principal")
        }
        return identity.principal
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
}
