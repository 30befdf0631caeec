import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryTracing
import PolicyModel
import PolicyService
import Testing
import Tracing

/// With a tracer, every request gets a server span, and token verification and the decision get
/// child spans carrying the outcome; the token itself is never an attribute.
@Suite struct TracingTests {
    static func attribute(_ span: FinishedInMemorySpan, _ name: String) -> String? {
        guard let value = span.attributes.get(name) else { return nil }
        switch value {
        case .string(let text): return text
        case .int64(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return "\(value)"
        }
    }

    @Test func checksAreTracedWithTheirOutcome() async throws {
        let tracer = InMemoryTracer()
        let fixture = try await ServiceFixture.start(.sqlite, tracer: tracer)
        defer { Task { await fixture.stop() } }
        let doctor = try fixture.user("doc-a", roles: ["allergist"], clinic: "clinic-a")
        let token = try #require(doctor[.authorization]).replacingOccurrences(of: "Bearer ", with: "")
        try await fixture.app().test(.router) { client in
            var headers = doctor
            headers[.init(InMemoryTracer.traceIDKey)!] = "trace-from-caller"
            headers[.init(InMemoryTracer.spanIDKey)!] = "caller-span"
            try await client.execute(
                uri: "/v1/check", method: .post, headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#)
            ) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/v1/check", method: .post, headers: doctor,
                body: ByteBuffer(
                    string:
                        #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-b"}}"#)
            ) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/v1/check", method: .post, headers: [.authorization: "Bearer not-a-jwt"], body: ByteBuffer(string: "{}")
            ) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
        let spans = tracer.finishedSpans
        let requests = spans.filter { $0.kind == .server }
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.operationName == "/v1/check" })
        #expect(requests.map { Self.attribute($0, "http.response.status_code") } == ["200", "200", "401"])
        #expect(requests.first?.traceID == "trace-from-caller", "the caller's trace is continued")
        #expect(requests.first?.parentSpanID == "caller-span")

        let decisions = spans.filter { $0.operationName == "policy.decision" }
        #expect(decisions.count == 2)
        let allowed = try #require(decisions.first)
        #expect(Self.attribute(allowed, "policy.decision") == "allow")
        #expect(Self.attribute(allowed, "policy.grant") == "allergist patient_record:read clinic")
        #expect(Self.attribute(allowed, "enduser.id") == "doc-a")
        #expect(Self.attribute(allowed, "policy.version") == "1")
        #expect(allowed.parentSpanID == requests.first?.spanID, "the decision is a child of its request")
        #expect(allowed.traceID == "trace-from-caller")
        let denied = try #require(decisions.last)
        #expect(Self.attribute(denied, "policy.decision") == "deny")
        #expect(Self.attribute(denied, "policy.deny_reason") == "other_clinic")
        #expect(Self.attribute(denied, "policy.grant") == nil)

        let verifications = spans.filter { $0.operationName == "auth.verify_token" }
        #expect(verifications.count == 3)
        #expect(verifications.filter { Self.attribute($0, "enduser.id") == "doc-a" }.count == 2)
        let refused = try #require(verifications.last)
        #expect(Self.attribute(refused, "auth.failure")?.contains("malformed") == true)
        #expect(refused.parentSpanID == requests.last?.spanID)

        var leaks: [String] = []
        for span in spans {
            span.attributes.forEach { name, value in
                if "\(value)".contains(token) { leaks.append("\(span.operationName) \(name)") }
            }
        }
        #expect(leaks.isEmpty, "attributes holding the token: \(leaks)")
    }

    @Test func adminChangesAreTraced() async throws {
        let tracer = InMemoryTracer()
        let fixture = try await ServiceFixture.start(.sqlite, tracer: tracer)
        defer { Task { await fixture.stop() } }
        try await fixture.app().test(.router) { client in
            try await client.execute(
                uri: "/v1/admin/roles", method: .post, headers: try fixture.admin,
                body: ByteBuffer(string: #"{"name":"auditor"}"#)
            ) { response throws in
                #expect(response.status == .created)
            }
        }
        let change = try #require(tracer.finishedSpans.first { $0.operationName == "policy.change" })
        #expect(Self.attribute(change, "policy.change") == "role.create")
        #expect(Self.attribute(change, "policy.role") == "auditor")
        #expect(Self.attribute(change, "policy.version") == "2")
        #expect(Self.attribute(change, "enduser.id") == "admin-cli@clients")
    }
}
