import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import PolicyService

/// Spans leave the process over OTLP/HTTP: a collector stand-in on 127.0.0.1 receives them.
@Suite struct OTLPTracingTests {
    final class Received: Sendable {
        let bodies = Mutex<[String]>([])
    }

    @Test func spansReachACollector() async throws {
        let received = Received()
        let collector = Router()
        collector.post("v1/traces") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 4 << 20)
            // Protobuf: the strings inside stay readable as bytes.
            received.bodies.withLock { $0.append(String(decoding: body.readableBytesView, as: UTF8.self)) }
            // An empty ExportTraceServiceResponse: success with nothing rejected.
            return Response(status: .ok, headers: [.contentType: "application/x-protobuf"])
        }
        try await Application(router: collector).test(.live) { collectorClient in
            let port = try #require(collectorClient.port)
            var logger = Logger(label: "otlp-test")
            logger.logLevel = .critical
            let backend = try OTLPTracing.backend(endpoint: "http://127.0.0.1:\(port)", exportDelay: .milliseconds(50), logger: logger)
            let exporter = Task { try await backend.service.run() }
            defer { exporter.cancel() }
            let fixture = try await ServiceFixture.start(.sqlite, tracer: backend.tracer)
            let doctor = try fixture.user("doc-a", roles: ["allergist"], clinic: "clinic-a")
            try await fixture.app().test(.router) { client in
                try await client.execute(
                    uri: "/v1/check", method: .post, headers: doctor,
                    body: ByteBuffer(
                        string:
                            #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#)
                ) { response throws in
                    #expect(response.status == .ok)
                }
            }
            var exported = ""
            for _ in 0..<100 {
                exported = received.bodies.withLock { $0.joined() }
                if exported.contains("policy.decision") && exported.contains("/v1/check") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            await fixture.stop()
            #expect(exported.contains("policy.decision"))
            #expect(exported.contains("auth.verify_token"))
            #expect(exported.contains("/v1/check"))
            #expect(exported.contains("plinth-policy"), "the service name is the resource")
            #expect(exported.contains("doc-a"))
        }
    }

    @Test func tracesURLAddsThePathOnce() {
        #expect(OTLPTracing.tracesURL("http://127.0.0.1:4318") == "http://127.0.0.1:4318/v1/traces")
        #expect(OTLPTracing.tracesURL("http://127.0.0.1:4318/") == "http://127.0.0.1:4318/v1/traces")
        #expect(OTLPTracing.tracesURL("http://c:4318/v1/traces") == "http://c:4318/v1/traces")
    }
}
