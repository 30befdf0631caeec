import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The four calls of the Lambda Runtime API (version 2018-06-01).
public struct LambdaRuntimeClient: Sendable {
    /// `host:port` from `AWS_LAMBDA_RUNTIME_API`.
    public let api: String
    let httpClient: HTTPClient

    public init(api: String, httpClient: HTTPClient = .shared) {
        self.api = api
        self.httpClient = httpClient
    }

    static let maximumEvent = 6 << 20

    /// Waits (long poll) for the next event.
    public func next() async throws -> (event: [UInt8], context: LambdaContext) {
        let path = "/2018-06-01/runtime/invocation/next"
        let response = try await httpClient.execute(HTTPClientRequest(url: "http://\(api)\(path)"), timeout: .hours(12))
        var body = try await response.body.collect(upTo: Self.maximumEvent)
        guard response.status == .ok else { throw LambdaRuntimeError.unexpectedStatus(path: path, status: Int(response.status.code)) }
        guard let requestID = response.headers.first(name: "Lambda-Runtime-Aws-Request-Id"), !requestID.isEmpty else {
            throw LambdaRuntimeError.missingRequestID
        }
        let milliseconds = response.headers.first(name: "Lambda-Runtime-Deadline-Ms").flatMap(Double.init)
        let context = LambdaContext(
            requestID: requestID,
            deadline: milliseconds.map { Date(timeIntervalSince1970: $0 / 1000) } ?? .distantFuture,
            invokedFunctionARN: response.headers.first(name: "Lambda-Runtime-Invoked-Function-Arn"),
            traceID: response.headers.first(name: "Lambda-Runtime-Trace-Id"))
        return (body.readBytes(length: body.readableBytes) ?? [], context)
    }

    public func respond(requestID: String, body: [UInt8]) async throws {
        try await post("/2018-06-01/runtime/invocation/\(requestID)/response", body: body, errorType: nil)
    }

    public func fail(requestID: String, _ failure: LambdaFailure) async throws {
        try await post(
            "/2018-06-01/runtime/invocation/\(requestID)/error", body: Array(try JSONEncoder().encode(failure)),
            errorType: failure.errorType)
    }

    /// Reports that the function could not start; the platform then ends the process.
    public func failInitialization(_ failure: LambdaFailure) async throws {
        try await post("/2018-06-01/runtime/init/error", body: Array(try JSONEncoder().encode(failure)), errorType: failure.errorType)
    }

    private func post(_ path: String, body: [UInt8], errorType: String?) async throws {
        var request = HTTPClientRequest(url: "http://\(api)\(path)")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: body))
        if let errorType { request.headers.add(name: "Lambda-Runtime-Function-Error-Type", value: errorType) }
        let response = try await httpClient.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .accepted || response.status == .ok else {
            throw LambdaRuntimeError.unexpectedStatus(path: path, status: Int(response.status.code))
        }
    }
}
