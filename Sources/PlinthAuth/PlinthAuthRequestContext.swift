import Hummingbird

/// A request context that carries the verified caller, set by `BearerTokenMiddleware`.
public protocol PlinthAuthRequestContext: RequestContext {
    var identity: AuthenticatedPrincipal? { get set }
}

/// The ready-made context for services that need nothing else per request.
public struct PlinthRequestContext: PlinthAuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: AuthenticatedPrincipal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }
}
