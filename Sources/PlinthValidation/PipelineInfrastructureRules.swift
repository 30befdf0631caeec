import PlinthSpec

/// Rules for what the pipelines run on and push to: the runner pool and the container repositories.
extension SpecValidator {
    mutating func checkRunnersAndRegistries() {
        let base = SpecPath.root + "pipelines"
        let runners = spec.pipelines.runners
        let path = base + "runners"
        if accountNames.contains(runners.account.rawValue) {
            if !spec.network.hubs.contains(where: { $0.account == runners.account }) {
                let hubAccounts = Set(spec.network.hubs.map(\.account.rawValue)).sorted()
                error(
                    "runner-without-hub", path + "account",
                    "account '\(runners.account)' has no hub: the runners run in a hub VPC's private subnets",
                    hint: hubAccounts.isEmpty ? nil : "accounts with a hub: \(hubAccounts.joined(separator: ", "))")
            }
        } else {
            reference(runners.account.rawValue, at: path + "account", to: "account", among: accountNames)
        }
        if runners.minSize < 0 {
            error("autoscaling-bounds", path + "minSize", "minSize must be 0 or more, not \(runners.minSize)")
        }
        if runners.maxSize < max(runners.minSize, 1) {
            error(
                "autoscaling-bounds", path + "maxSize",
                "maxSize must be at least 1 and at least minSize (got minSize \(runners.minSize), maxSize \(runners.maxSize))")
        }
        for (index, label) in runners.labels.enumerated() where !Self.isRunnerLabel(label) {
            error(
                "invalid-format", path + "labels" + index,
                "runner label '\(label)' must be letters, digits, dots, underscores and hyphens")
        }
        let repositories = spec.pipelines.repositories.map(\.name.rawValue)
        let containers = spec.pipelines.containerRepositories
        unique(containers.named(base + "containerRepositories") { $0.name.rawValue }, kind: "container repository")
        for (index, container) in containers.enumerated() {
            let itemPath = base + "containerRepositories" + index
            reference(container.sourceRepository.rawValue, at: itemPath + "sourceRepository", to: "repository", among: repositories)
            if !(1...1000).contains(container.keepImages) {
                error("out-of-range", itemPath + "keepImages", "keepImages must be 1 to 1000, not \(container.keepImages)")
            }
            checkScanExceptions(container.scanExceptions, at: itemPath + "scanExceptions")
        }
        let functions = spec.pipelines.functionArtifacts
        unique(functions.named(base + "functionArtifacts") { $0.name.rawValue }, kind: "function artifact")
        let publishing = Set(spec.pipelines.deployRoles.filter { $0.access == .publish }.map(\.repository))
        for (index, function) in functions.enumerated() {
            let itemPath = base + "functionArtifacts" + index
            reference(function.sourceRepository.rawValue, at: itemPath + "sourceRepository", to: "repository", among: repositories)
            if function.build.allSatisfy(\.isWhitespace) {
                error("empty-value", itemPath + "build", "function artifact '\(function.name)' needs the command that builds its zip")
            }
            if repositories.contains(function.sourceRepository.rawValue), !publishing.contains(function.sourceRepository) {
                error(
                    "function-without-publisher", itemPath + "sourceRepository",
                    "function artifact '\(function.name)' is built by '\(function.sourceRepository)', which has no publish role (deployRoles with access: publish) to publish it"
                )
            }
        }
    }

    /// Each exception names a finding once, says why and lapses on a real day.
    mutating func checkScanExceptions(_ exceptions: [ScanExceptionSpec], at base: SpecPath) {
        unique(exceptions.named(base, "finding") { $0.finding }, kind: "scan exception")
        for (index, exception) in exceptions.enumerated() {
            let path = base + index
            if exception.finding.allSatisfy(\.isWhitespace) {
                error("empty-value", path + "finding", "a scan exception names the finding it accepts (CVE or finding id)")
            }
            if exception.reason.allSatisfy(\.isWhitespace) {
                error("empty-value", path + "reason", "a scan exception records why the finding '\(exception.finding)' is accepted")
            }
            if !CalendarDay.isValid(exception.expires) {
                error("invalid-format", path + "expires", "expires '\(exception.expires)' is not a YYYY-MM-DD date")
            }
        }
    }

    /// A role's access fits what it is trusted for: only deploy roles sit behind an approval
    /// environment, only plan roles trust pull requests, and a publish role belongs to a repository
    /// that builds images, in the account that holds the registries.
    mutating func checkAccess(_ role: DeployRoleSpec, at path: SpecPath) {
        if role.pullRequests, role.access != .plan {
            error(
                "pull-request-trust", path + "pullRequests",
                "only a plan role may trust pull requests; '\(role.roleName)' has access \(role.access.rawValue)")
        }
        switch role.access {
        case .deploy: break
        case .plan:
            if role.requiresApproval || !role.environments.isEmpty {
                error(
                    "plan-role-environments", path + (role.requiresApproval ? "requiresApproval" : "environments"),
                    "plan role '\(role.roleName)' is read-only: it trusts branches and pull requests, not approval environments")
            }
        case .publish:
            let images = spec.pipelines.containerRepositories.filter { $0.sourceRepository == role.repository }
            let functions = spec.pipelines.functionArtifacts.filter { $0.sourceRepository == role.repository }
            if images.isEmpty && functions.isEmpty {
                error(
                    "publish-without-images", path + "repository",
                    "publish role '\(role.roleName)' belongs to '\(role.repository)', which builds no containerRepositories image and no functionArtifacts zip"
                )
            }
            if role.account != spec.pipelines.runners.account {
                error(
                    "publish-account", path + "account",
                    "publish role '\(role.roleName)' must live in '\(spec.pipelines.runners.account)', the account of the ECR repositories")
            }
        }
    }

    /// GitHub takes labels as one comma-separated argument, so a label cannot hold a comma or space.
    static func isRunnerLabel(_ label: String) -> Bool {
        !label.isEmpty && label.unicodeScalars.allSatisfy { labelCharacters.contains($0) }
    }

    private static let labelCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
}
