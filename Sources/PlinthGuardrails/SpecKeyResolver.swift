import Foundation
import PlinthSpec

/// Which key of platform.yaml produced a resource of a stack: the stack id names the concern and the
/// environment, the resource type and its instance key narrow it down.
struct SpecKeyResolver {
    let spec: PlatformSpec

    /// `env/<name>/...` -> the environment's index and value.
    func environment(ofStack stack: String) -> (index: Int, spec: EnvironmentSpec)? {
        let parts = stack.split(separator: "/")
        guard parts.count >= 3, parts[0] == "env" else { return nil }
        guard let index = spec.environments.firstIndex(where: { $0.name.rawValue == parts[1] }) else { return nil }
        return (index, spec.environments[index])
    }

    /// The spec key behind a resource, when one can be named.
    func path(stack: String, resource: PlannedResource) -> SpecPath? {
        let parts = stack.split(separator: "/").map(String.init)
        guard let leaf = parts.last else { return nil }
        let instanceKey = Self.instanceKey(of: resource.address)
        if let (index, env) = environment(ofStack: stack) {
            let envPath = SpecPath.root + "environments" + index
            switch leaf {
            case "workload":
                switch resource.type {
                case "aws_db_instance", "aws_db_instance_automated_backups_replication": return envPath + "database"
                case "aws_launch_template", "aws_autoscaling_group": return envPath + "compute"
                case "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_security_group_rule":
                    return .root + "network" + "securityGroupIntent"
                default: return envPath
                }
            case "secrets":
                if resource.type.hasPrefix("aws_secretsmanager"), let key = instanceKey,
                    let secret = spec.secrets.secrets.firstIndex(where: { $0.name == key })
                {
                    return .root + "secrets" + "secrets" + secret
                }
                if let key = spec.secrets.kmsKeys.firstIndex(where: { $0.environment == env.name }) {
                    return .root + "secrets" + "kmsKeys" + key
                }
                return .root + "secrets"
            case "observability":
                if resource.type == "aws_cloudwatch_log_group" { return .root + "observability" + "logRetentionDays" + env.name.rawValue }
                return .root + "observability" + "logPipeline"
            case "edge": return .root + "network" + "edge"
            case "ci-oidc":
                if let role = spec.pipelines.deployRoles.firstIndex(where: { $0.account == env.account }) {
                    return .root + "pipelines" + "deployRoles" + role
                }
                return .root + "pipelines" + "deployRoles"
            case "dns": return .root + "dns"
            default:
                if leaf.hasPrefix("network"), let spoke = spokeIndex(environment: env.name, region: parts[2]) {
                    return .root + "network" + "spokes" + spoke + "vpc"
                }
                return envPath
            }
        }
        switch leaf {
        case "state-backend": return .root + "terraformState"
        case "organization": return .root + "organization"
        case "identity-center":
            if let key = instanceKey, let name = key.split(separator: "/").first,
                let set = spec.identity.workforce.permissionSets.firstIndex(where: { $0.name == name })
            {
                return .root + "identity" + "workforce" + "permissionSets" + set
            }
            return .root + "identity" + "workforce"
        case "network-hub":
            if parts.count >= 2, let hub = spec.network.hubs.firstIndex(where: { $0.region.rawValue == parts[parts.count - 2] }) {
                return .root + "network" + "hubs" + hub + "vpc"
            }
            return .root + "network" + "hubs"
        case "ci-oidc":
            if let role = spec.pipelines.deployRoles.firstIndex(where: { $0.account.rawValue == parts[0] }) {
                return .root + "pipelines" + "deployRoles" + role
            }
            return .root + "pipelines" + "deployRoles"
        default: return nil
        }
    }

    private func spokeIndex(environment: Name, region: String) -> Int? {
        spec.network.spokes.firstIndex { $0.environment == environment && $0.region.rawValue == region }
    }

    /// `aws_x.y["prod/a/b"]` -> `prod/a/b`; nil without a string key.
    static func instanceKey(of address: String) -> String? {
        guard address.hasSuffix("\"]"), let open = address.range(of: "[\"", options: .backwards) else { return nil }
        return String(address[open.upperBound..<address.index(address.endIndex, offsetBy: -2)])
    }
}
