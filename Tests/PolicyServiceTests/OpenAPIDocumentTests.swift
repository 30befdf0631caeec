import Foundation
import Hummingbird
import HummingbirdTesting
import PolicyService
import Testing

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
            let routes = Set(fixture.server.router().routes.map { route in
                let path = "\(route.path)"
                return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
            })
            let documented = Self.documentedOperations(OpenAPIDocument.yaml)
            #expect(documented.count == 16, "the document was read whole")
            #expect(routes.subtracting(documented).isEmpty, "routes missing from openapi.yaml: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
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
