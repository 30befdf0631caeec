import Foundation
import Hummingbird
import NIOCore
import PlinthAuth

/// The policy service's request context: the verified caller, and the coders every route reads
/// bodies and writes answers with, so limits, refusals and JSON are the same on every route.
public struct PolicyRequestContext: PlinthAuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: AuthenticatedPrincipal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Bodies are small JSON documents; anything past 64 KiB is refused with 413 before it is read whole.
    public var maxUploadSize: Int { 64 * 1024 }
    public var requestDecoder: PolicyRequestDecoder { PolicyRequestDecoder() }
    public var responseEncoder: PolicyResponseEncoder { PolicyResponseEncoder() }
}

/// Reads JSON bodies: one past the context's upload size is a 413 problem, and one that is not the
/// expected document a 400 problem that names the document rather than the decoder's internals.
public struct PolicyRequestDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        try decode(type, from: try await Self.collect(request, context: context))
    }

    func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw Problem(
                .badRequest, type: "https://plinth.dev/problems/malformed-body", title: "Malformed body",
                detail: "the body is not a valid \(T.self) JSON document")
        }
    }

    /// The whole body, for a route that looks at the bytes before decoding (the check's fast path).
    static func collect(_ request: Request, context: some RequestContext) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, detail: "the body is larger than \(context.maxUploadSize) bytes")
        }
    }
}

/// Writes answers as JSON with sorted keys and ISO 8601 dates, the form the OpenAPI document describes.
public struct PolicyResponseEncoder: ResponseEncoder {
    static let headers: HTTPFields = [.contentType: "application/json"]

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: .ok, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
