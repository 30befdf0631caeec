import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PolicyModel

/// Keeps a `BundleCache` current by polling the policy service's `/v1/bundle` with `If-None-Match`.
public struct BundleRefresher: Sendable {
    public let url: String
    public let cache: BundleCache
    public let interval: Duration
    let client: HTTPClient
    let logger: Logger

    public init(
        url: String, cache: BundleCache, client: HTTPClient, interval: Duration = .seconds(10),
        logger: Logger = Logger(label: "plinth.auth.bundle")
    ) {
        self.url = url
        self.cache = cache
        self.client = client
        self.interval = interval
        self.logger = logger
    }

    /// Fetches once: 200 installs the new bundle, 304 confirms the one held; anything else throws.
    public func refresh() async throws {
        var request = HTTPClientRequest(url: url)
        if let etag = cache.etag { request.headers.add(name: "If-None-Match", value: etag) }
        let response = try await client.execute(request, timeout: .seconds(5))
        switch response.status {
        case .notModified:
            cache.confirm()
        case .ok:
            let body = try await response.body.collect(upTo: 8 << 20)
            let bundle = try JSONDecoder().decode(PolicyBundle.self, from: Data((body).readableBytesView))
            cache.install(bundle, etag: response.headers.first(name: "ETag"))
        default:
            throw Problem(.badGateway, detail: "policy service answered \(response.status.code)")
        }
    }

    /// Refreshes every `interval` until the task is cancelled; failures are logged and retried, and
    /// the cache fails closed by itself once they last longer than its maximum age.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await refresh()
            } catch {
                logger.warning("policy bundle refresh failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
