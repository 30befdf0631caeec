import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// A small signed AWS API client speaking the three wire protocols the read-back needs:
/// JSON (Organizations, Secrets Manager, DynamoDB), query with XML answers (EC2, CloudWatch, STS)
/// and REST-XML (S3). Typed calls live in the per-service clients built on it.
public struct AWSClient: Sendable {
    public var endpoint: AWSEndpoint
    public var region: String
    public var credentials: AWSCredentials
    public var timeout: TimeAmount
    let httpClient: HTTPClient
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - httpClient: defaults to the process-wide shared client, which needs no shutdown.
    ///   - clock: the signing time; tests fix it.
    public init(
        endpoint: AWSEndpoint, region: String, credentials: AWSCredentials,
        httpClient: HTTPClient = .shared, timeout: TimeAmount = .seconds(30),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.httpClient = httpClient
        self.timeout = timeout
        self.clock = clock
    }

    /// A raw answer: status, headers and body bytes.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
    }

    /// Signs and sends one request; a non-2xx answer becomes `AWSError.service` with the code the
    /// service sent (from `__type`, `x-amzn-ErrorType` or the XML `Code` element).
    public func send(
        _ service: AWSService, method: String, path: String = "/",
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) async throws -> Response {
        let signingRegion = service.globalRegion ?? region
        let location = endpoint.location(for: service, region: signingRegion)
        var toSign = headers
        if service == .s3 {
            toSign.append((name: "x-amz-content-sha256", value: SigV4Signer.hex(SHA256Digest.of(body))))
        }
        let signable = AWSSignableRequest(
            method: method, host: location.host, path: path, query: query, headers: toSign, body: body)
        let signed = SigV4Signer(credentials: credentials, region: signingRegion, service: service.signingName)
            .sign(signable, date: clock())

        var url = location.base + SigV4Signer.encodePath(path.isEmpty ? "/" : path)
        if !query.isEmpty {
            url +=
                "?"
                + query.map { "\(SigV4Signer.uriEncode($0.name))=\(SigV4Signer.uriEncode($0.value))" }
                .joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for header in signed { request.headers.add(name: header.name, value: header.value) }
        if !body.isEmpty || method == "POST" || method == "PUT" {
            request.body = .bytes(ByteBuffer(bytes: body))
        }

        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            var buffer = try await response.body.collect(upTo: 64 << 20)
            bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw AWSError.transport(service: service.signingName, detail: String(describing: error))
        }
        let result = Response(
            status: Int(response.status.code),
            headers: response.headers.map { (name: $0.name, value: $0.value) },
            body: bytes)
        guard (200..<300).contains(result.status) else {
            throw Self.serviceError(service: service.signingName, response: result)
        }
        return result
    }

    /// Calls a JSON-protocol operation: `POST /` with `X-Amz-Target: <prefix>.<operation>`.
    public func json<Output: Decodable>(
        _ service: AWSService, targetPrefix: String, operation: String, jsonVersion: String = "1.1",
        input: some Encodable & Sendable
    ) async throws -> Output {
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(input))
        } catch {
            throw AWSError.transport(service: service.signingName, detail: "cannot encode input: \(error)")
        }
        let response = try await send(
            service, method: "POST",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-\(jsonVersion)"),
                (name: "X-Amz-Target", value: "\(targetPrefix).\(operation)"),
            ],
            body: body)
        do {
            return try JSONDecoder().decode(Output.self, from: Data(response.body.isEmpty ? Array("{}".utf8) : response.body))
        } catch {
            throw AWSError.malformedResponse(service: service.signingName, detail: "\(operation): \(error)")
        }
    }

    /// Calls a query-protocol operation: a form-encoded `POST /` with `Action` and `Version`;
    /// returns the root element of the XML answer.
    public func query(
        _ service: AWSService, action: String, version: String, parameters: [(name: String, value: String)] = []
    ) async throws -> XMLNode {
        let form = ([(name: "Action", value: action), (name: "Version", value: version)] + parameters)
            .map { "\(SigV4Signer.uriEncode($0.name))=\(SigV4Signer.uriEncode($0.value))" }
            .joined(separator: "&")
        let response = try await send(
            service, method: "POST",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8))
        return try Self.parseXML(response.body, service: service.signingName, operation: action)
    }

    /// Calls a REST-XML operation (S3) and returns the root element of the XML answer.
    public func restXML(
        _ service: AWSService, method: String = "GET", path: String, query: [(name: String, value: String)] = []
    ) async throws -> XMLNode {
        let response = try await send(service, method: method, path: path, query: query)
        return try Self.parseXML(response.body, service: service.signingName, operation: "\(method) \(path)")
    }

    static func parseXML(_ body: [UInt8], service: String, operation: String) throws -> XMLNode {
        do {
            return try XMLNode.parse(body)
        } catch {
            throw AWSError.malformedResponse(service: service, detail: "\(operation): \(error)")
        }
    }

    /// Reads the error code and message out of a failed answer in any of the three protocols.
    static func serviceError(service: String, response: Response) -> AWSError {
        var code = ""
        var message = ""
        if let first = response.body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
            if first == UInt8(ascii: "{"),
                let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            {
                code = (object["__type"] as? String) ?? (object["code"] as? String) ?? ""
                message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            } else if first == UInt8(ascii: "<"), let root = try? XMLNode.parse(response.body) {
                code = root.first(named: "Code")?.text ?? ""
                message = root.first(named: "Message")?.text ?? ""
            }
        }
        if code.isEmpty,
            let header = response.headers.first(where: { $0.name.lowercased() == "x-amzn-errortype" })?.value
        {
            code = header
        }
        // JSON services qualify the code ("com.amazonaws.x#Code") and may append ":<url>".
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if code.isEmpty { code = "HTTP\(response.status)" }
        return .service(service: service, code: code, message: message, status: response.status)
    }
}

/// SHA-256 of a byte array, for the S3 payload header.
enum SHA256Digest {
    static func of(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }
}
