import AsyncHTTPClient
import Foundation
import PlinthAWS
import PlinthRender

/// One run's reach into a target, for commands that render trees of their own (`plinth preview`):
/// what to render for, how to call AWS, how to run Terraform on what was rendered.
public struct TargetSession: Sendable {
    /// What the trees of this run are rendered for.
    public var renderTarget: RenderTarget
    let http: HTTPClient
    let endpoint: AWSEndpoint
    let credentials: AWSCredentials
    let terraform: TerraformEnvironment
    /// What Terraform's processes get besides the caller's environment.
    let terraformVariables: [String: String]
    /// The OIDC token file the real target's providers assume roles with (nil on the emulator).
    let webIdentityTokenFile: String?

    /// A client signed for this target in `region`.
    public func client(region: String) -> AWSClient {
        AWSClient(endpoint: endpoint, region: region, credentials: credentials, httpClient: http)
    }

    /// A runner for stacks rendered for this target; `stacks` are checked for the variables they
    /// need (the token file), so a missing one stops the run before Terraform starts.
    public func terraformRunner(
        for stacks: [StackDescriptor], environment: [String: String], logDirectory: URL
    ) throws(ProvisioningError) -> TerraformRunner {
        var extra = terraformVariables
        let assuming = stacks.filter { $0.requiredVariables.contains(StackRenderer.tokenFileVariable) }.map(\.id)
        if !assuming.isEmpty {
            guard let file = webIdentityTokenFile else {
                throw AccountAccess.missingTokenFile(for: assuming)
            }
            extra["TF_VAR_\(StackRenderer.tokenFileVariable)"] = file
        }
        return TerraformRunner(
            environment: terraform, processEnvironment: terraform.processEnvironment(base: environment, extra: extra),
            logDirectory: logDirectory)
    }

    /// Whether an object exists in a bucket (false when the bucket does not): what the provisioner
    /// asks to tell a stack never applied from one to destroy.
    public func stateObjectChecker(region: String) -> @Sendable (String, String) async throws -> Bool {
        Self.stateObjectChecker(S3Client(client: client(region: region)))
    }

    /// The check itself, for any client (`LocalPlatform` asks it with the emulator's).
    static func stateObjectChecker(_ s3: S3Client) -> @Sendable (String, String) async throws -> Bool {
        { bucket, key in
            do {
                return try await s3.listObjects(bucket: bucket, prefix: key).contains { $0.key == key }
            } catch let error as AWSError where error.code == "NoSuchBucket" {
                return false
            }
        }
    }
}
