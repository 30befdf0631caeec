import ArgumentParser
import Dispatch
import Foundation
import PlinthAuthTesting

/// Serves a local token issuer for `scripts/bench-policy` and `scripts/test-contract`: writes the
/// issuer URL and ready-made tokens (a user's, and a `policy:admin` machine token) to a file, then
/// serves its JWKS until killed. Keys are generated at start and never written out.
struct PolicyIssuerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-issuer",
        abstract: "Run a local token issuer for the policy service benchmark (until killed)."
    )

    @Option(help: "File to write {issuer, audience, namespace, userToken, adminToken} to.") var out: String
    @Option(help: "Audience of the tokens.") var audience = "https://api.allergyhub.example"
    @Option(help: "Claims namespace.") var namespace = "https://allergyhub.example/claims"

    func run() throws {
        let issuer = try LocalIssuer(audience: audience, namespace: namespace)
        let path = out
        Task {
            do {
                try await issuer.start()
                let claims = issuer.userClaims(
                    subject: "bench-doctor", roles: ["allergist"], clinic: "clinic-a",
                    now: Date().addingTimeInterval(-5))
                let admin = issuer.machineClaims(client: "policy-admin", scopes: ["policy:admin"], now: Date().addingTimeInterval(-5))
                let details: [String: String] = [
                    "issuer": issuer.issuer, "audience": issuer.audience, "namespace": issuer.namespace,
                    "userToken": try issuer.sign(claims, kid: "rsa-1"),
                    "adminToken": try issuer.sign(admin, kid: "ec-1"),
                ]
                let data = try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])
                try data.write(to: URL(fileURLWithPath: path + ".tmp"))
                try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
            } catch {
                FileHandle.standardError.write(Data("policy-issuer: \(error)\n".utf8))
                Foundation.exit(1)
            }
        }
        dispatchMain()
    }
}
