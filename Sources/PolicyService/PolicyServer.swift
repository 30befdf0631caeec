import Foundation
import Hummingbird
import Logging
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

    /// Migrates the store, seeds it from `seed` when empty, and loads the snapshot.
    public static func start(
        store: any PolicyStore, seed: PolicyDocument?, verifier: TokenVerifier,
        metrics: PolicyMetrics = PolicyMetrics(), tracer: (any Tracer)? = nil,
        logger: Logger = Logger(label: "plinth.policy")
    ) async throws -> PolicyServer {
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
            let latest = try await store.latest()
        else { return false }
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

    /// The HTTP API: one route collection per concern, the token check in front of `/v1/check`
    /// and `/v1/admin`, errors as problem+json, and 405 with `Allow` for a known path's other methods.
    public func router() -> Router<PolicyRequestContext> {
        let options: RouterOptions = .autoGenerateHeadEndpoints
        let router = Router(context: PolicyRequestContext.self, options: options)
        if let tracer { router.add(middleware: RequestSpanMiddleware(tracer: tracer)) }
        router.add(middleware: ProblemMiddleware(metrics: metrics))
        router.addRoutes(HealthRoutes(snapshot: snapshot, metrics: metrics).endpoints)
        router.addRoutes(BundleRoutes(snapshot: snapshot).endpoints, atPath: "v1/bundle")
        router.group("v1")
            .add(middleware: BearerTokenMiddleware(verifier: verifier, tracer: tracer))
            .addRoutes(CheckRoutes(snapshot: snapshot, metrics: metrics, tracer: tracer).endpoints, atPath: "check")
            .addRoutes(AdminRoutes(store: store, snapshot: snapshot, tracer: tracer).endpoints, atPath: "admin")
        // Added after every route, so it wraps only the fallback for requests no route matched.
        router.add(
            middleware: MethodNotAllowedMiddleware(
                routes: router.routes,
                implicitHead: options.contains(.autoGenerateHeadEndpoints)))
        return router
    }
}

extension PolicySnapshot {
    /// The current policy, or the 503 a route answers while none is loaded.
    func required() throws -> State {
        guard let current else { throw Problem(.serviceUnavailable, detail: "no policy loaded") }
        return current
    }
}
