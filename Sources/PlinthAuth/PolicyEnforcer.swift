import Hummingbird
import PolicyModel

/// Builds route-level permission checks against an in-process policy bundle:
///
///     router.group("clinics/{clinicID}/patients/{patientID}")
///         .add(middleware: enforcer.require("patient_record:read", scope: .clinic(parameter: "clinicID")))
public struct PolicyEnforcer: Sendable {
    public let cache: BundleCache

    public init(cache: BundleCache) {
        self.cache = cache
    }

    /// A middleware that lets a request through only when its caller holds `permission` for the
    /// resource `scope` describes. A permission that is not `resource:action` denies every request.
    public func require<Context: PlinthAuthRequestContext>(
        _ permission: String, scope: ResourceScope<Context>
    ) -> RequirePermissionMiddleware<Context> {
        RequirePermissionMiddleware(permission: permission, scope: scope, cache: cache)
    }
}

/// Where the resource of a request is: which clinic holds it and whom it belongs to.
public struct ResourceScope<Context: RequestContext>: Sendable {
    let resolve: @Sendable (Request, Context, _ kind: String) -> ResourceRef

    public init(_ resolve: @escaping @Sendable (Request, Context, _ kind: String) -> ResourceRef) {
        self.resolve = resolve
    }

    /// The resource lives in the clinic named by a path parameter.
    public static func clinic(parameter: String) -> ResourceScope {
        ResourceScope { _, context, kind in ResourceRef(kind: kind, clinicID: context.parameters.get(parameter)) }
    }

    /// The resource belongs to the person named by a path parameter, optionally in a clinic parameter.
    public static func owner(parameter: String, clinicParameter: String? = nil) -> ResourceScope {
        ResourceScope { _, context, kind in
            ResourceRef(
                kind: kind, id: context.parameters.get(parameter),
                clinicID: clinicParameter.flatMap { context.parameters.get($0) },
                ownerID: context.parameters.get(parameter))
        }
    }

    /// The resource is identified by the context itself, e.g. a clinic id a previous middleware resolved.
    public static func clinic(_ keyPath: KeyPath<Context, String?> & Sendable) -> ResourceScope {
        ResourceScope { _, context, kind in ResourceRef(kind: kind, clinicID: context[keyPath: keyPath]) }
    }
}

/// Checks one permission for every request it sees; 401 without a caller, 403 when denied, 503
/// when the bundle is missing or stale.
public struct RequirePermissionMiddleware<Context: PlinthAuthRequestContext>: RouterMiddleware {
    let permission: Permission?
    let text: String
    let scope: ResourceScope<Context>
    let cache: BundleCache

    init(permission: String, scope: ResourceScope<Context>, cache: BundleCache) {
        self.permission = Permission(permission)
        self.text = permission
        self.scope = scope
        self.cache = cache
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let identity = context.identity else { throw Problem.unauthorized(.missingToken) }
        let policy = try cache.policy()
        guard let permission else {
            context.logger.error("route requires a malformed permission", metadata: ["permission": .string(text)])
            throw Problem.forbidden("denied: unknown_permission")
        }
        let resource = scope.resolve(request, context, permission.resource)
        let decision = policy.evaluate(identity.principal, permission: permission, resource: resource)
        context.logger.info(
            "decision",
            metadata: [
                "permission": .string(text), "decision": .string(decision.allowed ? "allow" : "deny"),
                "reason": .string(decision.reason?.rawValue ?? ""), "policy_version": .stringConvertible(decision.policyVersion),
            ])
        guard decision.allowed else { throw Problem.forbidden("denied: \(decision.reason?.rawValue ?? "not_granted")") }
        return try await next(request, context)
    }
}
