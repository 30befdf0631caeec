import Foundation
import LambdaRuntime
import PlinthAWS
import SecretRotation

// The rotation Lambda: the runtime loop around SecretRotator. Configuration comes from the
// environment the Terraform module sets: PLINTH_ROTATION_CONFIG (strategies by secret, rendered
// from platform.yaml), the role's credentials and AWS_REGION; PLINTH_AWS_ENDPOINT only for the
// local emulator.

let environment = ProcessInfo.processInfo.environment
guard let api = environment["AWS_LAMBDA_RUNTIME_API"], !api.isEmpty else {
    FileHandle.standardError.write(Data("secret-rotation: AWS_LAMBDA_RUNTIME_API is not set; this runs inside Lambda\n".utf8))
    exit(2)
}

struct StartupError: Error, CustomStringConvertible {
    var description: String
}

do {
    try await LambdaRuntimeLoop.run(client: LambdaRuntimeClient(api: api)) {
        guard let json = environment["PLINTH_ROTATION_CONFIG"] else { throw StartupError(description: "PLINTH_ROTATION_CONFIG is not set") }
        let configuration = try RotationConfiguration.decode(json)
        guard let credentials = AWSCredentials.fromEnvironment(environment) else {
            throw StartupError(description: "no AWS credentials in the environment")
        }
        let endpoint = environment["PLINTH_AWS_ENDPOINT"].flatMap(AWSEndpoint.emulator(url:)) ?? .aws
        let client = AWSClient(endpoint: endpoint, region: environment["AWS_REGION"] ?? "us-east-1", credentials: credentials)
        let rotator = SecretRotator(secrets: SecretsManagerClient(client: client), configuration: configuration)
        return { body, _ in
            let event = try JSONDecoder().decode(RotationEvent.self, from: Data(body))
            do {
                try await rotator.handle(event)
            } catch {
                // Written unbuffered: stdout is a pipe in Lambda, and a buffered record could be lost.
                FileHandle.standardOutput.write(Data((RotationMetrics.failureRecord(event, at: Date()) + "\n").utf8))
                throw error
            }
            return Array("{}".utf8)
        }
    }
} catch {
    FileHandle.standardError.write(Data("secret-rotation: \(error)\n".utf8))
    exit(1)
}
