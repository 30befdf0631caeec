import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyService
import Testing

/// A known path asked with a method it does not have answers 405 with `Allow` (RFC 9110), not 404.
@Suite struct MethodNotAllowedMiddlewareTests {
    @Test func undeclaredMethodsGet405WithTheirPathsMethods() async throws {
        try await withService(.sqlite) { fixture in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/health/live", .trace, "GET, HEAD"),
                ("/openapi.yaml", .post, "GET, HEAD"),
                ("/v1/bundle", .put, "GET, HEAD"),
                ("/v1/check", .get, "POST"),
                ("/v1/check/batch", .trace, "POST"),
                ("/v1/admin/roles", .delete, "GET, HEAD, POST"),
                ("/v1/admin/roles/patient", .patch, "DELETE, GET, HEAD, PUT"),
                ("/v1/admin/roles/patient/grants", .get, "POST"),
                ("/v1/admin/roles/patient/grants/patient_record:read/own", .options, "DELETE"),
                ("/v1/admin/audit/", .post, "GET, HEAD"),
            ]
            try await fixture.app().test(.router) { client in
                for (uri, method, allow) in cases {
                    // No token: the method is refused before anything asks who is calling.
                    try await client.execute(uri: uri, method: method) { response throws in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                        #expect(response.headers[.contentType] == "application/problem+json")
                        let problem = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                        #expect(problem?["status"] as? Int == 405)
                    }
                }
            }
        }
    }

    @Test func unknownPathsStay404AndHeadAnswersWhereGetDoes() async throws {
        try await withService(.sqlite) { fixture in
            try await fixture.app().test(.router) { client in
                for (uri, method) in [("/v1/nowhere", HTTPRequest.Method.get), ("/v1/admin/roles/a/b/c/d", .trace), ("/", .delete)] {
                    try await client.execute(uri: uri, method: method) { response throws in
                        #expect(response.status == .notFound, "\(method) \(uri)")
                        #expect(response.headers[.allow] == nil)
                    }
                }
                try await client.execute(uri: "/health/ready", method: .head) { response throws in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes == 0)
                }
            }
        }
    }

    /// The methods come from the router itself: for every route path, a method it lacks is refused
    /// with exactly the methods the router lists for that path.
    @Test func allowFollowsTheRouter() async throws {
        try await withService(.sqlite) { fixture in
            let methods = Dictionary(fixture.server.router().routes.map { ("\($0.path)", Set([$0.method.rawValue])) }) { $0.union($1) }
            #expect(methods.count == 13)
            try await fixture.app().test(.router) { client in
                for (path, declared) in methods {
                    let uri = path.split(separator: "/").map { $0.hasPrefix("{") ? "x" : String($0) }.joined(separator: "/")
                    let expected = (declared.contains("GET") ? declared.union(["HEAD"]) : declared).sorted().joined(separator: ", ")
                    try await client.execute(uri: "/" + uri, method: .trace) { response throws in
                        #expect(response.status == .methodNotAllowed, "\(path)")
                        #expect(response.headers[.allow] == expected, "\(path)")
                    }
                }
            }
        }
    }
}
