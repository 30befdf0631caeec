import AsyncHTTPClient
import Foundation
import PlinthAWS

/// How a pipeline job (or a person with credentials) reaches the real accounts: the variables the
/// AWS SDKs and Terraform read, read once here so plinth's own calls go where Terraform's go.
///
/// - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (what
///   `configure-aws-credentials` exports for the role it assumed);
/// - endpoint: `AWS_ENDPOINT_URL`, else the public endpoints;
/// - trust: `AWS_CA_BUNDLE` besides the system's roots;
/// - the OIDC token file the stacks' providers assume their roles with: `AWS_WEB_IDENTITY_TOKEN_FILE`.
public struct AccountAccess: Sendable {
    public var credentials: AWSCredentials
    public var endpoint: AWSEndpoint
    public var caBundle: String?
    public var webIdentityTokenFile: String?

    /// Reads the access from `environment`; throws naming the variable that is missing or wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(ProvisioningError) -> AccountAccess {
        guard let credentials = AWSCredentials.fromEnvironment(environment) else {
            throw .accountAccess(
                detail:
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set (a pipeline job gets them from configure-aws-credentials; add --local for the emulator)"
            )
        }
        guard let endpoint = AWSEndpoint.fromEnvironment(environment) else {
            throw .accountAccess(detail: "AWS_ENDPOINT_URL '\(environment["AWS_ENDPOINT_URL"] ?? "")' is not a URL with a host")
        }
        let bundle = environment["AWS_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : $0 }
        if let bundle, !FileManager.default.fileExists(atPath: bundle) {
            throw .accountAccess(detail: "AWS_CA_BUNDLE names \(bundle), which does not exist")
        }
        let token = environment["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let token, !FileManager.default.isReadableFile(atPath: token) {
            throw .accountAccess(detail: "AWS_WEB_IDENTITY_TOKEN_FILE names \(token), which cannot be read")
        }
        return AccountAccess(credentials: credentials, endpoint: endpoint, caBundle: bundle, webIdentityTokenFile: token)
    }

    static func missingTokenFile(for stacks: [String]) -> ProvisioningError {
        let named = stacks.prefix(3).joined(separator: ", ") + (stacks.count > 3 ? " and \(stacks.count - 3) more" : "")
        return .accountAccess(
            detail:
                "AWS_WEB_IDENTITY_TOKEN_FILE is not set, and the providers of \(named) assume their deploy roles with the job's OIDC token"
        )
    }

    /// A client signed with these credentials in `region`.
    public func client(region: String, http: HTTPClient) -> AWSClient {
        AWSClient(endpoint: endpoint, region: region, credentials: credentials, httpClient: http)
    }

    /// Runs `body` with the session of this access: the real target's trees, these credentials,
    /// Terraform with the caller's environment and the token file.
    public func withSession<T: Sendable>(
        environment: [String: String], workDirectory: URL, _ body: (TargetSession) async throws -> T
    ) async throws -> T {
        let terraform = try TerraformEnvironment.discover(
            environment: environment, stateDirectory: workDirectory.appendingPathComponent("terraform"))
        return try await withHTTPClient { http in
            try await body(
                TargetSession(
                    renderTarget: .aws, http: http, endpoint: endpoint, credentials: credentials, terraform: terraform,
                    terraformVariables: [:], webIdentityTokenFile: webIdentityTokenFile))
        }
    }

    /// Runs `body` with an HTTP client that trusts `AWS_CA_BUNDLE` as well as the system's roots.
    public func withHTTPClient<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        try await AWSHTTPClient.with(caBundles: caBundle.map { [$0] } ?? [], body)
    }
}
