import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyModel
import PolicyService
import Testing

@Suite struct CheckRoutesTests {
    static let read = #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#

    /// A service token has no principal of its own: a check that names none is well formed (a user
    /// sends the same body) but not one this caller may make, so 403, for one check and a batch.
    @Test func aServiceThatNamesNoPrincipalGets403() async throws {
        try await withService(.sqlite) { fixture in
            let service = try fixture.machine(scopes: ["policy:read"], client: "clinic-api")
            let batch = #"{"checks":[{"action":"patient_record:read","resource":{"kind":"patient_record"}}]}"#
            try await fixture.app().test(.router) { client in
                for (uri, body) in [("/v1/check", Self.read), ("/v1/check/batch", batch), ("/v1/check/batch", #"{"checks":[]}"#)] {
                    try await client.execute(uri: uri, method: .post, headers: service, body: ByteBuffer(string: body)) { response throws in
                        #expect(response.status == .forbidden, "\(uri) \(body)")
                        #expect(response.headers[.contentType] == "application/problem+json")
                        #expect(String(buffer: response.body).contains("name the principal"))
                    }
                }
                // The same body from a user is checked for that user.
                try await client.execute(
                    uri: "/v1/check", method: .post, headers: try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a"),
                    body: ByteBuffer(string: Self.read)
                ) { response throws in
                    #expect(response.status == .ok)
                    #expect(try response.body.decoded(CheckResponse.self).allowed)
                }
            }
        }
    }

    @Test func aBodyOver64KiBGets413() async throws {
        try await withService(.sqlite) { fixture in
            let padding = String(repeating: " ", count: 64 * 1024)
            try await fixture.app().test(.router) { client in
                for (uri, headers) in [
                    ("/v1/check", try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a")),
                    ("/v1/admin/roles", try fixture.admin),
                ] {
                    try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.read + padding)) {
                        response throws in
                        #expect(response.status == .contentTooLarge, "\(uri)")
                        #expect(response.headers[.contentType] == "application/problem+json")
                    }
                }
            }
        }
    }

    /// A body the fast reader declines (here an escape) is decoded by the context's decoder, with
    /// the same answer; one that is not a check at all is a 400 problem either way.
    @Test func bodiesOutsideTheFastPathGetTheSameAnswers() async throws {
        try await withService(.sqlite) { fixture in
            let doctor = try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a")
            let escaped = #"{"action":"patient_record:re\u0061d","resource":{"kind":"patient_record","clinicID":"clinic-a"},"extra":[1]}"#
            try await fixture.app().test(.router) { client in
                var answers: [String] = []
                for body in [Self.read, escaped] {
                    try await client.execute(uri: "/v1/check", method: .post, headers: doctor, body: ByteBuffer(string: body)) {
                        response throws in
                        #expect(response.status == .ok)
                        answers.append(String(buffer: response.body))
                    }
                }
                #expect(answers.count == 2 && answers[0] == answers[1])
                try await client.execute(uri: "/v1/check", method: .post, headers: doctor, body: ByteBuffer(string: #"{"action":"a:b"}"#)) {
                    response throws in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("malformed-body"))
                }
            }
        }
    }
}
