/// An action the pipelines may use, pinned to a full commit SHA: a tag can be moved to other code,
/// a commit cannot. The list mirrors the reviewed pins (a copy is kept with the tests, which check
/// every pin and every `with:` key against it).
public struct PinnedAction: Sendable, Equatable, Hashable {
    /// `owner/repo` or `owner/repo/path` for an action in a subdirectory.
    public var action: String
    public var sha: String
    public var tag: String

    public init(action: String, sha: String, tag: String) {
        self.action = action
        self.sha = sha
        self.tag = tag
    }

    /// The `uses:` value; the tag follows as a YAML comment.
    public var reference: String { "\(action)@\(sha)" }

    public static let checkout = PinnedAction(action: "actions/checkout", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1")
    public static let uploadArtifact = PinnedAction(
        action: "actions/upload-artifact", sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", tag: "v7.0.0")
    public static let downloadArtifact = PinnedAction(
        action: "actions/download-artifact", sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", tag: "v8.0.1")
    public static let configureAWSCredentials = PinnedAction(
        action: "aws-actions/configure-aws-credentials", sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c", tag: "v6.2.3")
    public static let setupTerraform = PinnedAction(
        action: "hashicorp/setup-terraform", sha: "dfe3c3f87815947d99a8997f908cb6525fc44e9e", tag: "v4.0.1")
    public static let codeQLInit = PinnedAction(
        action: "github/codeql-action/init", sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e", tag: "v4.36.2")
    public static let codeQLAnalyze = PinnedAction(
        action: "github/codeql-action/analyze", sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e", tag: "v4.36.2")
    public static let uploadSARIF = PinnedAction(
        action: "github/codeql-action/upload-sarif", sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e", tag: "v4.36.2")
    public static let dependencyReview = PinnedAction(
        action: "actions/dependency-review-action", sha: "2031cfc080254a8a887f58cffee85186f0e49e48", tag: "v4.9.0")

    public static let all: [PinnedAction] = [
        checkout, uploadArtifact, downloadArtifact, configureAWSCredentials, setupTerraform, codeQLInit, codeQLAnalyze,
        uploadSARIF, dependencyReview,
    ]
}
