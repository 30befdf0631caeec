import Foundation

/// Where calls go: the public AWS endpoints, or one URL that serves every service (an emulator
/// such as moto on 127.0.0.1, or the `AWS_ENDPOINT_URL` the AWS SDKs and Terraform honour).
public enum AWSEndpoint: Sendable, Equatable {
    case aws
    case emulator(scheme: String, host: String, port: Int)

    /// Parses an emulator URL such as `http://127.0.0.1:5000`; nil when it has no host.
    public static func emulator(url: String) -> AWSEndpoint? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return nil
        }
        let scheme = components.scheme ?? "http"
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return .emulator(scheme: scheme, host: host, port: port)
    }

    /// The endpoint the AWS SDKs would use in `environment`: `AWS_ENDPOINT_URL` when it is set,
    /// so plinth's own calls go where Terraform's go; the public endpoints otherwise. Nil when the
    /// variable is set but is not a URL with a host, which the caller reports rather than ignores.
    public static func fromEnvironment(_ environment: [String: String]) -> AWSEndpoint? {
        guard let url = environment["AWS_ENDPOINT_URL"], !url.isEmpty else { return .aws }
        return emulator(url: url)
    }

    /// Scheme, Host header value and URL prefix for a service in a region.
    func location(for service: AWSService, region: String) -> (host: String, base: String) {
        switch self {
        case .aws:
            let host = "\(service.endpointPrefix).\(region).amazonaws.com"
            return (host, "https://\(host)")
        case .emulator(let scheme, let host, let port):
            let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
            let hostHeader = isDefault ? host : "\(host):\(port)"
            return (hostHeader, "\(scheme)://\(hostHeader)")
        }
    }
}
