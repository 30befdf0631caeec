import AsyncHTTPClient
import Foundation
import NIOCore

/// The credentials of an EC2 instance's role, from the instance metadata service (IMDSv2: a session
/// token first, then the role's credentials), cached until shortly before they expire.
///
/// This is how a service on the platform's instances reaches AWS without any key in its
/// environment or on its command line.
public actor InstanceRoleCredentials {
    let endpoint: String
    let httpClient: HTTPClient
    let timeout: TimeAmount
    private var cached: (credentials: AWSCredentials, expiration: Date)?

    /// - Parameter endpoint: the metadata service (`AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides
    ///   it for tests and IPv6-only instances).
    public init(endpoint: String = "http://169.254.169.254", httpClient: HTTPClient = .shared, timeout: TimeAmount = .seconds(2)) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Credentials valid for at least five more minutes.
    public func current(now: Date = Date()) async throws -> AWSCredentials {
        if let cached, cached.expiration.timeIntervalSince(now) > 300 { return cached.credentials }
        var tokenRequest = HTTPClientRequest(url: "\(endpoint)/latest/api/token")
        tokenRequest.method = .PUT
        tokenRequest.body = .bytes(ByteBuffer())
        tokenRequest.headers.add(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")
        let token = String(decoding: try await fetch(tokenRequest), as: UTF8.self)
        func get(_ path: String) async throws -> [UInt8] {
            var request = HTTPClientRequest(url: "\(endpoint)\(path)")
            request.headers.add(name: "X-aws-ec2-metadata-token", value: token)
            return try await fetch(request)
        }
        let roles = String(decoding: try await get("/latest/meta-data/iam/security-credentials/"), as: UTF8.self)
        guard let role = roles.split(whereSeparator: \.isNewline).first.map(String.init) else {
            throw AWSError.transport(service: "imds", detail: "the instance has no role")
        }
        struct Document: Decodable {
            var AccessKeyId: String
            var SecretAccessKey: String
            var Token: String
            var Expiration: String
        }
        let body = try await get("/latest/meta-data/iam/security-credentials/\(role)")
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(body))
        } catch {
            throw AWSError.malformedResponse(service: "imds", detail: "role credentials: \(error)")
        }
        let formatter = ISO8601DateFormatter()
        guard let expiration = formatter.date(from: document.Expiration) else {
            throw AWSError.malformedResponse(service: "imds", detail: "role credentials expire at '\(document.Expiration)'")
        }
        let credentials = AWSCredentials(
            accessKeyID: document.AccessKeyId, secretAccessKey: document.SecretAccessKey, sessionToken: document.Token)
        cached = (credentials, expiration)
        return credentials
    }

    private func fetch(_ request: HTTPClientRequest) async throws -> [UInt8] {
        let response: HTTPClientResponse
        var body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 16)
        } catch {
            throw AWSError.transport(service: "imds", detail: String(describing: error))
        }
        guard response.status == .ok else {
            throw AWSError.transport(service: "imds", detail: "HTTP \(response.status.code) from \(request.url)")
        }
        return body.readBytes(length: body.readableBytes) ?? []
    }
}
