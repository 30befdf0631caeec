import PlinthSpec

/// Preview environments (issue 13): `preview up` when a pull request opens or changes, `preview
/// down` when it closes, and an hourly `preview reap` fed the open pull requests, so a close event
/// that never fired still ends its preview. One concurrency group per pull request that never
/// cancels a running job: a destroy is never cut off, and a newer run waits for it.
struct PreviewPipelines {
    var spec: PlatformSpec
    var repository: RepositorySpec

    /// The environment with previews, the deploy role of its account and the GitHub environment
    /// whose OIDC subject that role trusts.
    var target: (environment: EnvironmentSpec, role: DeployRoleSpec, githubEnvironment: String)? {
        guard let environment = spec.environments.first(where: { $0.previews?.enabled == true }),
            let role = spec.pipelines.deployRoles.first(where: {
                $0.account == environment.account && $0.repository == repository.name && $0.access == .deploy
            }),
            let github = role.environments.first(where: { $0 == environment.name }) ?? role.environments.first
        else { return nil }
        return (environment, role, github.rawValue)
    }

    func workflows() -> [Workflow] {
        guard let target else { return [] }
        let reference = RoleReference(account: target.role.account.rawValue, roleName: target.role.roleName)
        let region = spec.regions.primary.rawValue
        let runners = spec.pipelines.runners.labels
        let pullRequest: [(String, String)] = [
            ("BRANCH", "${{ github.head_ref }}"), ("PR_NUMBER", "${{ github.event.pull_request.number }}"),
        ]

        var up = Job(
            id: "preview-up", name: "preview-up", runsOn: runners,
            permissions: ["contents": "read", "id-token": "write", "pull-requests": "write"],
            steps: PipelineSteps.deployPrefix(reference, region: region, session: "plinth-preview")
                + [
                    Step.shell(
                        "Preview up",
                        """
                        "$PLINTH" preview up --branch "$BRANCH" --pr "$PR_NUMBER" --commit "$HEAD_SHA" | tee preview.txt
                        cat preview.txt >> "$GITHUB_STEP_SUMMARY"
                        """, env: pullRequest + [("HEAD_SHA", "${{ github.event.pull_request.head.sha }}")]),
                    Step.shell(
                        "Comment the URL and expiry",
                        """
                        gh pr comment "$PR_NUMBER" --edit-last --body-file preview.txt \\
                          || gh pr comment "$PR_NUMBER" --body-file preview.txt
                        """, env: [("GH_TOKEN", "${{ github.token }}"), ("PR_NUMBER", "${{ github.event.pull_request.number }}")]),
                ])
        up.condition = "${{ github.event.action != 'closed' }}"
        up.environment = target.githubEnvironment
        up.timeoutMinutes = 60

        var down = Job(
            id: "preview-down", name: "preview-down", runsOn: runners, permissions: ["contents": "read", "id-token": "write"],
            steps: PipelineSteps.deployPrefix(reference, region: region, session: "plinth-preview")
                + [
                    Step.shell("Preview down", "\"$PLINTH\" preview down --branch \"$BRANCH\"", env: pullRequest)
                ])
        down.condition = "${{ github.event.action == 'closed' }}"
        down.environment = target.githubEnvironment
        down.timeoutMinutes = 60

        let preview = Workflow(
            file: "preview.yml", name: "preview",
            triggers: [.pullRequest(branches: [repository.defaultBranch], types: ["opened", "synchronize", "reopened", "closed"])],
            concurrency: Concurrency(group: "preview-${{ github.event.pull_request.number }}", cancelInProgress: false),
            jobs: [up, down])

        var reap = Job(
            id: "preview-reap", name: "preview-reap", runsOn: runners,
            permissions: ["contents": "read", "id-token": "write", "pull-requests": "read"],
            steps: PipelineSteps.deployPrefix(reference, region: region, session: "plinth-preview-reap")
                + [
                    Step.shell(
                        "Reap expired and orphaned previews",
                        """
                        gh pr list --state open --limit 1000 --json number --jq '[.[].number]' > open-prs.json
                        "$PLINTH" preview reap --open-prs open-prs.json
                        """, env: [("GH_TOKEN", "${{ github.token }}")])
                ])
        reap.environment = target.githubEnvironment
        reap.timeoutMinutes = 60
        let reaper = Workflow(
            file: "preview-reap.yml", name: "preview-reap", triggers: [.schedule(cron: "23 * * * *"), .workflowDispatch],
            concurrency: Concurrency(group: "preview-reap", cancelInProgress: false), jobs: [reap])
        return [preview, reaper]
    }
}
