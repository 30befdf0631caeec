import Foundation
import PlinthRender

/// One root stack as provisioning sees it: where it is, which workspace, what must be applied
/// first, and where its state lives.
public struct TerraformStack: Sendable, Equatable {
    /// Where the stack keeps its state while `up` and `down` run.
    public enum StateLocation: Sendable, Equatable {
        /// The backend the stack's own configuration declares (S3 with DynamoDB locking).
        case configured
        /// The state-backend stack, which creates the bucket and lock table its own backend names:
        /// its first apply runs with state in `localFile`, which is then migrated to `objectKey` in
        /// `bucket`; `down` migrates it back to the local file before destroying the bucket.
        case bootstrap(localFile: URL, bucket: String, objectKey: String)
    }

    public var id: String
    public var directory: URL
    public var workspace: String?
    public var dependsOn: [String]
    public var state: StateLocation

    public init(id: String, directory: URL, workspace: String? = nil, dependsOn: [String] = [], state: StateLocation = .configured) {
        self.id = id
        self.directory = directory
        self.workspace = workspace
        self.dependsOn = dependsOn
        self.state = state
    }
}

extension TerraformStack: StackGraphNode {}
