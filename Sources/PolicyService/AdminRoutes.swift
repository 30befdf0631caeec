import Foundation
import Hummingbird
import PlinthAuth
import PolicyModel
import Tracing

/// `/v1/admin`: reading and changing roles and grants, the version history and the audit log.
/// Every route needs a machine token (no user behind it): `policy:read` to read, `policy:admin`
/// to change. Each change is one new version, installed in this instance's snapshot at once.
struct AdminRoutes: Sendable {
    typealias Context = PolicyRequestContext
    let store: any PolicyStore
    let snapshot: PolicySnapshot
    let tracer: (any Tracer)?

    /// Routes for a group whose middleware has verified the caller's token.
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("roles", use: listRoles)
            .post("roles", use: createRole)
            .get("roles/{role}", use: getRole)
            .put("roles/{role}", use: replaceRole)
            .delete("roles/{role}", use: deleteRole)
            .post("roles/{role}/grants", use: addGrant)
            .delete("roles/{role}/grants/{permission}/{scope}", use: removeGrant)
            .get("versions", use: listVersions)
            .get("audit", use: auditLog)
    }

    // MARK: Reads

    @Sendable func listRoles(_ request: Request, context: Context) async throws -> [Role] {
        try Self.requireScope("policy:read", context)
        return try snapshot.required().bundle.document.roles
    }

    @Sendable func getRole(_ request: Request, context: Context) async throws -> Response {
        try Self.requireScope("policy:read", context)
        let name = try Self.parameter("role", context)
        guard let role = try snapshot.required().bundle.document.role(named: name) else {
            throw Problem(.notFound, detail: "no role named '\(name)'")
        }
        return try context.responseEncoder.encode(role, from: request, context: context)
    }

    @Sendable func listVersions(_ request: Request, context: Context) async throws -> [PolicyVersionRecord] {
        try Self.requireScope("policy:read", context)
        return try await store.history(limit: 1000)
    }

    @Sendable func auditLog(_ request: Request, context: Context) async throws -> [AuditEntry] {
        try Self.requireScope("policy:read", context)
        return try await store.auditLog(limit: 10000)
    }

    // MARK: Changes

    @Sendable func createRole(_ request: Request, context: Context) async throws -> EditedResponse<ChangeResponse> {
        let actor = try Self.requireScope("policy:admin", context)
        let body = try await request.decode(as: RoleBody.self, context: context)
        guard let name = body.name else { throw Problem(.unprocessableContent, detail: "the role needs a name") }
        let role = Role(name: name, description: body.description ?? "", grants: Self.distinct(body.grants ?? []))
        return EditedResponse(status: .created, response: try await apply(.createRole(role), actor: actor, context: context))
    }

    @Sendable func replaceRole(_ request: Request, context: Context) async throws -> ChangeResponse {
        let actor = try Self.requireScope("policy:admin", context)
        let name = try Self.parameter("role", context)
        let body = try await request.decode(as: RoleUpdate.self, context: context)
        guard !body.namesRole else {
            throw Problem(.unprocessableContent, detail: "the path names the role; the body of a replacement carries no name")
        }
        let role = Role(name: name, description: body.description ?? "", grants: Self.distinct(body.grants ?? []))
        return try await apply(.replaceRole(role), actor: actor, context: context)
    }

    @Sendable func deleteRole(_ request: Request, context: Context) async throws -> ChangeResponse {
        let actor = try Self.requireScope("policy:admin", context)
        return try await apply(.deleteRole(try Self.parameter("role", context)), actor: actor, context: context)
    }

    @Sendable func addGrant(_ request: Request, context: Context) async throws -> EditedResponse<ChangeResponse> {
        let actor = try Self.requireScope("policy:admin", context)
        let body = try await request.decode(as: GrantBody.self, context: context)
        let grant = Grant(permission: body.permission, scope: body.scope)
        let change = PolicyChange.addGrant(role: try Self.parameter("role", context), grant: grant)
        return EditedResponse(status: .created, response: try await apply(change, actor: actor, context: context))
    }

    @Sendable func removeGrant(_ request: Request, context: Context) async throws -> ChangeResponse {
        let actor = try Self.requireScope("policy:admin", context)
        guard let permission = Permission(try Self.parameter("permission", context)),
            let scope = GrantScope(rawValue: try Self.parameter("scope", context))
        else {
            throw Problem(.notFound, detail: "no such grant")
        }
        let change = PolicyChange.removeGrant(role: try Self.parameter("role", context), grant: Grant(permission: permission, scope: scope))
        return try await apply(change, actor: actor, context: context)
    }

    /// Stores `change` as a new version and installs it here, so this instance answers with it at once.
    func apply(_ change: PolicyChange, actor: String, context: Context) async throws -> ChangeResponse {
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
        context.logger.info(
            "policy changed",
            metadata: [
                "change": .string(change.kind), "role": .string(change.roleName), "policy_version": .stringConvertible(bundle.version),
            ])
        return ChangeResponse(policyVersion: bundle.version, role: bundle.document.role(named: change.roleName))
    }

    /// A path parameter as the client meant it: percent-decoded, since a client encodes what the
    /// path may not carry as is (`patient_record%3Aread` is `patient_record:read`).
    static func parameter(_ name: String, _ context: Context) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// A role's grants are a set: a grant listed twice is granted once.
    static func distinct(_ grants: [Grant]) -> [Grant] {
        var seen = Set<Grant>()
        return grants.filter { seen.insert($0).inserted }
    }

    /// Admin routes need a machine token (no user behind it) whose scope holds `scope`; returns the actor.
    @discardableResult
    static func requireScope(_ scope: String, _ context: Context) throws -> String {
        guard let identity = context.identity else { throw Problem.unauthorized(.missingToken) }
        guard identity.isMachine else { throw Problem.forbidden("the admin API needs a machine-to-machine token, not a user token") }
        let satisfied = identity.scopes.contains(scope) || (scope == "policy:read" && identity.scopes.contains("policy:admin"))
        guard satisfied else { throw Problem.forbidden("the token's scope lacks \(scope)") }
        return identity.subject
    }
}
