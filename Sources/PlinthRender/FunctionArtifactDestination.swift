import PlinthSpec

/// Where a Lambda function's release zip goes: the artifact bucket of one environment that runs
/// the function. One answer for the stack that makes the bucket, the stack that deploys from it,
/// the publish role's grant and the workflow step that uploads, so none of them can drift apart.
public struct FunctionArtifactDestination: Sendable, Equatable {
    public var function: String
    public var environment: String
    public var region: String
    public var bucket: String
    public var key: String

    /// Every destination of every function the spec's secrets rotate with, in environment order.
    public static func all(in spec: PlatformSpec) -> [FunctionArtifactDestination] {
        AWSStacks(spec: spec, target: .aws).functionArtifactDestinations()
    }
}

extension AWSStacks {
    func functionArtifactDestinations() -> [FunctionArtifactDestination] {
        spec.environments.flatMap { environment in
            Set(functionRotatedSecrets(environment).compactMap { $0.rotation.function?.rawValue }).sorted().map { function in
                FunctionArtifactDestination(
                    function: function, environment: environment.name.rawValue, region: primaryRegion(environment).rawValue,
                    bucket: lambdaArtifactBucket(environment), key: Self.artifactKey(function: function))
            }
        }
    }
}
