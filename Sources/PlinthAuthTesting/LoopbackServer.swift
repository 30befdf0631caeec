import Hummingbird
import Logging

/// Runs a router on 127.0.0.1 at a free port, for the local stand-ins tests serve (an issuer's
/// JWKS, the Lambda Runtime API, Auth0, instance metadata); cancel the task to stop it.
public enum LoopbackServer {
    public static func start(_ router: Router<BasicRequestContext>, label: String) async -> (port: Int, task: Task<Void, any Error>) {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var port = 0
        for await value in stream { port = value }
        return (port, task)
    }
}
