import Foundation
import Hummingbird
import NIOCore
import PlinthAuthTesting
import Synchronization

/// A local server that behaves as the Lambda Runtime API: hands out queued invocations with their
/// request id and deadline headers, and records responses, errors and init errors.
final class RuntimeAPIStandIn: Sendable {
    struct Invocation: Sendable {
        var requestID: String
        var event: String
        var deadline: Date
    }

    struct Report: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case response, error, initError }
        var kind: Kind
        var requestID: String?
        var errorTypeHeader: String?
        var body: String
    }

    private let queue: Mutex<[Invocation]>
    private let reports = Mutex<[Report]>([])
    private let server = Mutex<(port: Int, task: Task<Void, any Error>?)>((0, nil))

    init(_ invocations: [Invocation]) {
        queue = Mutex(invocations)
    }

    var api: String { "127.0.0.1:\(server.withLock { $0.port })" }
    var received: [Report] { reports.withLock { $0 } }

    func start() async throws {
        let router = Router()
        router.get("2018-06-01/runtime/invocation/next") { _, _ -> Response in
            guard let next = self.queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                try await Task.sleep(for: .seconds(3600))
                return Response(status: .noContent)
            }
            return Response(
                status: .ok,
                headers: [
                    .init("Lambda-Runtime-Aws-Request-Id")!: next.requestID,
                    .init("Lambda-Runtime-Deadline-Ms")!: String(Int(next.deadline.timeIntervalSince1970 * 1000)),
                    .init("Lambda-Runtime-Invoked-Function-Arn")!: "arn:aws:lambda:us-east-1:000000000000:function:secret-rotation",
                ],
                body: .init(byteBuffer: ByteBuffer(string: next.event)))
        }
        router.post("2018-06-01/runtime/invocation/:id/response") { request, context -> Response in
            try await self.record(.response, request, id: context.parameters.get("id"))
        }
        router.post("2018-06-01/runtime/invocation/:id/error") { request, context -> Response in
            try await self.record(.error, request, id: context.parameters.get("id"))
        }
        router.post("2018-06-01/runtime/init/error") { request, _ -> Response in
            try await self.record(.initError, request, id: nil)
        }
        let (port, task) = await LoopbackServer.start(router, label: "runtime-api-stand-in")
        server.withLock { $0 = (port, task) }
    }

    func stop() { server.withLock { $0.task?.cancel() } }

    private func record(_ kind: Report.Kind, _ request: Request, id: String?) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let report = Report(
            kind: kind, requestID: id, errorTypeHeader: request.headers[.init("Lambda-Runtime-Function-Error-Type")!],
            body: String(buffer: body))
        reports.withLock { $0.append(report) }
        return Response(status: .accepted)
    }
}
