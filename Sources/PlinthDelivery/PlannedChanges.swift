import Crypto
import Foundation

/// What a saved plan would do, read from `terraform show -json`: one entry per resource that
/// changes, and a fingerprint of the plan's `resource_changes` that does not depend on how the JSON
/// is formatted, so apply can prove it is applying what was reviewed.
public struct PlannedChanges: Sendable, Equatable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        case add, change, replace, destroy
    }

    public struct Resource: Sendable, Equatable {
        public var address: String
        public var type: String
        public var action: Action

        public init(address: String, type: String, action: Action) {
            self.address = address
            self.type = type
            self.action = action
        }

        /// Replacing or destroying it loses data or breaks what depends on it.
        public var losesState: Bool {
            (action == .replace || action == .destroy) && PlannedChanges.statefulTypes.contains(type)
        }
    }

    public var resources: [Resource]
    /// SHA-256 (hex) of `resource_changes` with keys sorted.
    public var fingerprint: String

    public func count(_ action: Action) -> Int { resources.filter { $0.action == action }.count }
    public var isEmpty: Bool { resources.isEmpty }

    /// Resource types that hold data or identity: databases, buckets, keys, log groups, state.
    public static let statefulTypes: Set<String> = [
        "aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_dynamodb_table", "aws_s3_bucket",
        "aws_kms_key", "aws_kms_alias", "aws_cloudwatch_log_group", "aws_secretsmanager_secret", "aws_efs_file_system",
        "aws_elasticache_replication_group", "aws_opensearch_domain", "aws_backup_vault", "aws_ebs_volume",
        "aws_route53_zone", "aws_s3_object", "aws_ssm_parameter", "aws_organizations_account",
    ]

    public init(resources: [Resource], fingerprint: String) {
        self.resources = resources
        self.fingerprint = fingerprint
    }

    /// Reads a plan's JSON. Throws when it is not the JSON `terraform show -json` writes for a plan.
    public init(planJSON data: Data) throws(PlanReadError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw .notJSON }
        guard object["format_version"] != nil else { throw .notAPlan }
        let changes = object["resource_changes"] as? [[String: Any]] ?? []
        var resources: [Resource] = []
        for change in changes {
            guard let address = change["address"] as? String, let type = change["type"] as? String,
                let actions = (change["change"] as? [String: Any])?["actions"] as? [String],
                let action = Self.action(actions)
            else { continue }
            resources.append(Resource(address: address, type: type, action: action))
        }
        let canonical: Data
        do { canonical = try JSONSerialization.data(withJSONObject: changes, options: [.sortedKeys]) } catch { throw .notAPlan }
        self.init(resources: resources, fingerprint: SHA256.hash(data: canonical).map { String(format: "%02x", $0) }.joined())
    }

    /// Terraform's action list for one resource; nil for no-op and read.
    static func action(_ actions: [String]) -> Action? {
        switch Set(actions) {
        case ["create"]: .add
        case ["update"]: .change
        case ["delete"]: .destroy
        case ["create", "delete"]: .replace
        default: nil
        }
    }

    /// SHA-256 (hex) of a file's bytes, to tell a plan file that was swapped or damaged.
    public static func digest(of data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}

public enum PlanReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON, notAPlan
    public var description: String {
        switch self {
        case .notJSON: "not JSON"
        case .notAPlan: "not the JSON of a Terraform plan (no format_version)"
        }
    }
}
