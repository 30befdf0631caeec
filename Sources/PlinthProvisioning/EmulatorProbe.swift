import AsyncHTTPClient
import PlinthAWS

/// Whether an endpoint is an AWS emulator that answers: a signed STS call, so that it answers
/// only if the endpoint speaks AWS, not merely HTTP.
struct EmulatorProbe: Sendable {
    /// Must trust the emulator's certificate (see `EmulatorHTTPClient`).
    var httpClient: HTTPClient

    /// A closed port is detected with a plain TCP connect first, because the HTTP client's
    /// connection pool backs off after refused connections and would keep failing once the server is up.
    func check(_ endpoint: String) async throws {
        guard let parsed = AWSEndpoint.emulator(url: endpoint) else {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: "not a URL with a host")
        }
        if case .emulator(_, let host, let port) = parsed, !LoopbackSocket.acceptsConnections(host: host, port: port) {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: "nothing listens on \(host):\(port)")
        }
        // Something listens: give it time to answer. moto serves every request on one Python
        // interpreter, and on a busy machine (suites side by side on two cores) an answer can
        // take seconds; a short timeout would take a live emulator for a dead one and start another.
        let client = AWSClient(
            endpoint: parsed, region: "us-east-1", credentials: LocalEmulator.credentials,
            httpClient: httpClient, timeout: .seconds(15))
        do {
            _ = try await STSClient(client: client).getCallerIdentity()
        } catch {
            throw ProvisioningError.emulatorUnreachable(endpoint: endpoint, detail: String(describing: error))
        }
    }

    /// Whether `check` passes.
    func answers(_ endpoint: String) async -> Bool {
        (try? await check(endpoint)) != nil
    }
}
