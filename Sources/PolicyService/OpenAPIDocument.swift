import Foundation

/// The committed OpenAPI 3.1 description of this service (`openapi.yaml`, a bundled resource),
/// served at `/openapi.yaml`; a test checks the router against it.
public enum OpenAPIDocument {
    public static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            return "openapi: 3.1.0\ninfo: {title: Plinth policy service, version: unavailable}\npaths: {}\n"
        }
        return text
    }()
}
