import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyService
import Testing
import Yams

/// The committed OpenAPI document and the router must describe the same operations.
@Suite struct OpenAPIDocumentTests {
    /// "METHOD /path" for every operation in the document (paths at two spaces, methods at four).
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations = Set<String>()
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if !line.hasPrefix("  ") {
                path = nil
            } else if let current = path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "delete", "patch"].contains(key) { operations.insert("\(key.uppercased()) \(current)") }
            }
        }
        return operations
    }

    @Test func routesMatchTheDocument() async throws {
        try await withService(.sqlite) { fixture in
            let routes = Set(
                fixture.server.router().routes.map { route in
                    let path = "\(route.path)"
                    return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
                })
            let documented = Self.documentedOperations(OpenAPIDocument.yaml)
            #expect(documented.count == 16, "the document was read whole")
            #expect(routes.subtracting(documented).isEmpty, "routes missing from openapi.yaml: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
        }
    }

    /// The statuses the document lists for `method` on `path`.
    static func documentedStatuses(_ method: HTTPRequest.Method, _ path: String) throws -> Set<Int> {
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.rawValue.lowercased()] as? [String: Any]
        let responses = try #require(operation?["responses"] as? [String: Any], "\(method) \(path) is documented")
        return Set(responses.keys.compactMap { Int($0) })
    }

    /// Every status the routes answer, success or refusal, is one the document lists for the
    /// operation (a 405 for a method a path lacks is stated in the document's description).
    @Test func answeredStatusesAreDocumented() async throws {
        try await withService(.sqlite) { fixture in
            let admin = try fixture.admin
            let reader = try fixture.machine(scopes: ["policy:read"])
            let doctor = try fixture.user("doc", roles: ["allergist"], clinic: "clinic-a")
            let none: HTTPFields = [.contentType: "application/json"]
            let check = #"{"action":"patient_record:read","resource":{"kind":"patient_record","clinicID":"clinic-a"}}"#
            let batch = #"{"checks":[\#(check)]}"#
            let tooMany = "{\"checks\":[" + Array(repeating: check, count: 101).joined(separator: ",") + "]}"
            let large = "{\"description\":\"" + String(repeating: "x", count: 64 * 1024) + "\"}"
            let grant = #"{"permission":"patient_record:read","scope":"clinic"}"#
            let roles = "/v1/admin/roles"
            // (method, documented path, request path, headers, body, the status expected), in order: later ones see earlier changes.
            let requests: [(HTTPRequest.Method, String, String, HTTPFields, String, HTTPResponse.Status)] = [
                (.get, "/health/live", "/health/live", none, "", .ok),
                (.get, "/health/ready", "/health/ready", none, "", .ok),
                (.get, "/metrics", "/metrics", none, "", .ok),
                (.get, "/openapi.yaml", "/openapi.yaml", none, "", .ok),
                (.get, "/v1/bundle", "/v1/bundle", none, "", .ok),
                (.get, "/v1/bundle", "/v1/bundle", [.ifNoneMatch: #""policy-v1""#], "", .notModified),
                (.post, "/v1/check", "/v1/check", doctor, check, .ok),
                (.post, "/v1/check", "/v1/check", none, check, .unauthorized),
                (.post, "/v1/check", "/v1/check", doctor, "{", .badRequest),
                (.post, "/v1/check", "/v1/check", reader, check, .forbidden),
                (.post, "/v1/check", "/v1/check", doctor, large, .contentTooLarge),
                (.post, "/v1/check/batch", "/v1/check/batch", doctor, batch, .ok),
                (.post, "/v1/check/batch", "/v1/check/batch", none, batch, .unauthorized),
                (.post, "/v1/check/batch", "/v1/check/batch", doctor, "[]", .badRequest),
                (.post, "/v1/check/batch", "/v1/check/batch", reader, batch, .forbidden),
                (.post, "/v1/check/batch", "/v1/check/batch", doctor, large, .contentTooLarge),
                (.post, "/v1/check/batch", "/v1/check/batch", doctor, tooMany, .unprocessableContent),
                (.get, roles, roles, reader, "", .ok),
                (.get, roles, roles, none, "", .unauthorized),
                (.get, roles, roles, doctor, "", .forbidden),
                (.post, roles, roles, admin, #"{"name":"auditor"}"#, .created),
                (.post, roles, roles, admin, #"{"name":"auditor"}"#, .conflict),
                (.post, roles, roles, admin, #"{"name":"Auditor"}"#, .unprocessableContent),
                (.post, roles, roles, admin, "{", .badRequest),
                (.post, roles, roles, reader, #"{"name":"x"}"#, .forbidden),
                (.post, roles, roles, none, #"{"name":"x"}"#, .unauthorized),
                (.post, roles, roles, admin, large, .contentTooLarge),
                (.get, "\(roles)/{role}", "\(roles)/auditor", reader, "", .ok),
                (.get, "\(roles)/{role}", "\(roles)/nobody", reader, "", .notFound),
                (.get, "\(roles)/{role}", "\(roles)/auditor", none, "", .unauthorized),
                (.get, "\(roles)/{role}", "\(roles)/auditor", doctor, "", .forbidden),
                (.put, "\(roles)/{role}", "\(roles)/auditor", admin, #"{"description":"Reads"}"#, .ok),
                (.put, "\(roles)/{role}", "\(roles)/nobody", admin, #"{"description":"Reads"}"#, .notFound),
                (.put, "\(roles)/{role}", "\(roles)/auditor", admin, #"{"name":"auditor"}"#, .unprocessableContent),
                (.put, "\(roles)/{role}", "\(roles)/auditor", admin, #"{"grants":[{"permission":"a:b","scope":"clinic"}]}"#, .conflict),
                (.put, "\(roles)/{role}", "\(roles)/auditor", admin, "{", .badRequest),
                (.put, "\(roles)/{role}", "\(roles)/auditor", reader, "{}", .forbidden),
                (.put, "\(roles)/{role}", "\(roles)/auditor", none, "{}", .unauthorized),
                (.put, "\(roles)/{role}", "\(roles)/auditor", admin, large, .contentTooLarge),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", admin, grant, .created),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", admin, grant, .conflict),
                (.post, "\(roles)/{role}/grants", "\(roles)/nobody/grants", admin, grant, .notFound),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", admin, "{", .badRequest),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", reader, grant, .forbidden),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", none, grant, .unauthorized),
                (.post, "\(roles)/{role}/grants", "\(roles)/auditor/grants", admin, large, .contentTooLarge),
                (
                    .delete, "\(roles)/{role}/grants/{permission}/{scope}", "\(roles)/auditor/grants/patient_record:read/clinic", reader,
                    "", .forbidden
                ),
                (
                    .delete, "\(roles)/{role}/grants/{permission}/{scope}", "\(roles)/auditor/grants/patient_record:read/clinic", none, "",
                    .unauthorized
                ),
                (
                    .delete, "\(roles)/{role}/grants/{permission}/{scope}", "\(roles)/auditor/grants/patient_record:read/clinic", admin, "",
                    .ok
                ),
                (
                    .delete, "\(roles)/{role}/grants/{permission}/{scope}", "\(roles)/auditor/grants/patient_record:read/clinic", admin, "",
                    .notFound
                ),
                (.delete, "\(roles)/{role}", "\(roles)/auditor", reader, "", .forbidden),
                (.delete, "\(roles)/{role}", "\(roles)/auditor", none, "", .unauthorized),
                (.delete, "\(roles)/{role}", "\(roles)/auditor", admin, "", .ok),
                (.delete, "\(roles)/{role}", "\(roles)/auditor", admin, "", .notFound),
                (.get, "/v1/admin/versions", "/v1/admin/versions", reader, "", .ok),
                (.get, "/v1/admin/versions", "/v1/admin/versions", none, "", .unauthorized),
                (.get, "/v1/admin/versions", "/v1/admin/versions", doctor, "", .forbidden),
                (.get, "/v1/admin/audit", "/v1/admin/audit", reader, "", .ok),
                (.get, "/v1/admin/audit", "/v1/admin/audit", none, "", .unauthorized),
                (.get, "/v1/admin/audit", "/v1/admin/audit", doctor, "", .forbidden),
            ]
            try await fixture.app().test(.router) { client in
                for (method, path, uri, headers, body, expected) in requests {
                    let status = try await client.execute(
                        uri: uri, method: method, headers: headers,
                        body: body.isEmpty ? nil : ByteBuffer(string: body)
                    ) { $0.status }
                    #expect(status == expected, "\(method) \(uri) \(body.prefix(80))")
                    #expect(
                        try Self.documentedStatuses(method, path).contains(Int(status.code)), "\(method) \(path) answered \(status.code)")
                }
            }
            let operations = Set(requests.map { "\($0.0.rawValue) \($0.1)" })
            #expect(operations == Self.documentedOperations(OpenAPIDocument.yaml), "every operation is exercised")
        }
    }

    @Test func documentIsServedAndIsOpenAPI31() async throws {
        try await withService(.sqlite) { fixture in
            try await fixture.app().test(.router) { client in
                try await client.execute(uri: "/openapi.yaml", method: .get) { response throws in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.hasPrefix("openapi: 3.1.0"))
                    #expect(text == OpenAPIDocument.yaml)
                }
            }
        }
    }
}
