import PlinthRender
import PlinthSpec

/// The infrastructure repository: checks on every pull request, apply wave by wave on main, and a
/// scheduled drift check.
struct InfrastructurePipelines {
    var spec: PlatformSpec
    var stacks: [StackDescriptor]
    var repository: RepositorySpec

    var defaultBranch: String { repository.defaultBranch }
    var runners: [String] { spec.pipelines.runners.labels }

    // MARK: Pull requests

    func checks() -> Workflow {
        let validate = Job(
            id: "plinth-validate", name: "plinth-validate", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [PipelineSteps.checkout(), PipelineSteps.buildPlinth, Step.shell("Validate platform.yaml", "\"$PLINTH\" validate")])
        let renderCheck = Job(
            id: "plinth-render-check", name: "plinth-render-check", runsOn: PipelineSteps.hosted,
            permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(), PipelineSteps.buildPlinth,
                Step.shell("Rendered files match the spec", "\"$PLINTH\" render --check"),
            ])
        let fmt = PipelineSteps.terraformFmt([])
        // The state account's plan role serves the backend; the stacks' providers assume each
        // account's plan role with the same pull-request token.
        let planRole = planRole(in: spec.terraformState.account.rawValue)
        let assumePlanRole = planRole.map { role in
            PipelineSteps.assume(
                RoleReference(account: role.account.rawValue, roleName: role.roleName), region: spec.terraformState.region.rawValue,
                session: "plinth-plan-pr")
        }
        var plan = Job(
            id: "terraform-plan", name: "terraform-plan", runsOn: runners,
            permissions: ["contents": "read", "pull-requests": "write"].merging(planRole == nil ? [:] : ["id-token": "write"]) { $1 },
            steps: [PipelineSteps.checkout(fullHistory: true), PipelineSteps.setupTerraform, PipelineSteps.buildPlinth]
                + (assumePlanRole ?? []) + [
                    Step.shell(
                        "Affected stacks",
                        """
                        "$PLINTH" affected --base "origin/$BASE_REF"
                        "$PLINTH" affected --base "origin/$BASE_REF" --format json > affected.json
                        """, env: [("BASE_REF", "${{ github.base_ref }}")]),
                    Step.shell(
                        "Plan the affected stacks",
                        "\"$PLINTH\" plan --affected-since \"origin/$BASE_REF\" --out plans\ncp affected.json plans/",
                        env: [("BASE_REF", "${{ github.base_ref }}")] + (planRole == nil ? [] : [Self.planRoleVariable])),
                    Step.shell(
                        "Post the plan summary",
                        """
                        cat plans/summary.md >> "$GITHUB_STEP_SUMMARY"
                        gh pr comment "$PR_NUMBER" --edit-last --body-file plans/summary.md \\
                          || gh pr comment "$PR_NUMBER" --body-file plans/summary.md
                        """,
                        env: [("GH_TOKEN", "${{ github.token }}"), ("PR_NUMBER", "${{ github.event.pull_request.number }}")]),
                    PipelineSteps.upload("plans", path: "plans/"),
                ])
        plan.timeoutMinutes = 60
        var checkov = Job(
            id: "checkov", name: "checkov", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.download("plans", path: "plans"), PipelineSteps.installCheckov,
                Step.shell(
                    "checkov over the plan JSON",
                    """
                    find plans -name plan.json -print0 | sort -z \\
                      | xargs -0 -r "$HOME/.local/bin/checkov" --framework terraform_plan --quiet --compact -f
                    """),
            ])
        var policy = Job(
            id: "iac-policy", name: "iac-policy", runsOn: PipelineSteps.hosted,
            permissions: ["contents": "read", "security-events": "write", "actions": "read"],
            steps: [
                PipelineSteps.checkout(), PipelineSteps.download("plans", path: "plans"), PipelineSteps.buildPlinth,
                Step.shell(
                    "plinth check over the spec and the plans", "\"$PLINTH\" check --plans plans --format sarif > iac-policy.sarif",
                    id: "check"),
                Step.action(
                    "Upload to code scanning", .uploadSARIF, with: [("sarif_file", "iac-policy.sarif"), ("category", "iac-policy")],
                    condition: "${{ !cancelled() }}"),
            ])
        let secrets = Job(
            id: "secret-scanning", name: "secret-scanning", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(),
                Step.shell(
                    "Install detect-secrets", "python3 -m pip install --user \"detect-secrets==\(PipelineSteps.detectSecretsVersion)\""),
                Step.shell(
                    "No secrets in the tree",
                    """
                    git ls-files -z | xargs -0 "$HOME/.local/bin/detect-secrets" scan > secrets.json
                    python3 -c 'import json,sys; r=json.load(open("secrets.json"))["results"]; [print(f, s["line_number"], s["type"]) for f in r for s in r[f]]; sys.exit(1 if r else 0)'
                    """),
            ])
        checkov.needs = ["terraform-plan"]
        policy.needs = ["terraform-plan"]
        return Workflow(
            file: "checks.yml", name: "checks",
            triggers: [.pullRequest(branches: [defaultBranch], types: [])],
            concurrency: Concurrency(group: "checks-${{ github.event.pull_request.number }}", cancelInProgress: true), gatesMerge: true,
            jobs: [validate, renderCheck, fmt, plan, checkov, policy, secrets])
    }

    // MARK: Main

    /// Switches the rendered stacks' providers to each account's plan role (`plinth_role`).
    static let planRoleVariable = ("TF_VAR_plinth_role", "plan")

    /// The read-only plan role of this repository in an account, if the spec gives one.
    func planRole(in account: String) -> DeployRoleSpec? {
        spec.pipelines.deployRoles.first { $0.account.rawValue == account && $0.repository == repository.name && $0.access == .plan }
    }

    /// A stack the pipeline applies: an AWS stack in an account with a deploy role of this
    /// repository. The state backend (bootstrap), the ci-oidc stacks that create the deploy roles and
    /// the management-account stacks are applied by an administrator (docs/adr, pipelines).
    func deployRole(for stack: StackDescriptor) -> DeployRoleSpec? {
        guard stack.provider == "aws", !stack.bootstrap, stack.blockedBy == nil, !stack.id.hasSuffix("/ci-oidc"),
            let account = stack.account
        else { return nil }
        return spec.pipelines.deployRoles.first {
            $0.account.rawValue == account && $0.repository == repository.name && $0.access == .deploy
        }
    }

    /// The environment a job assuming `role` runs in: the stack's own environment when the role
    /// trusts it, else the role's first environment, else none (the default branch's subject).
    func environment(for role: DeployRoleSpec, preferring workspace: String?) -> String? {
        let names = role.environments.map(\.rawValue)
        if let workspace, names.contains(workspace) { return workspace }
        if role.branches.contains(defaultBranch) { return nil }
        return names.first
    }

    /// Stacks the pipeline applies, in waves: a stack's wave is one more than the deepest wave of
    /// the applied stacks it depends on.
    func waves() -> [[StackDescriptor]] {
        let applied = stacks.filter { deployRole(for: $0) != nil }
        let ids = Set(applied.map(\.id))
        var wave: [String: Int] = [:]
        let byID = Dictionary(applied.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func depth(_ id: String, _ visiting: Set<String>) -> Int {
            if let known = wave[id] { return known }
            let upstream = (byID[id]?.dependsOn ?? []).filter { ids.contains($0) && !visiting.contains($0) }
            let value = upstream.map { depth($0, visiting.union([id])) + 1 }.max() ?? 0
            wave[id] = value
            return value
        }
        for stack in applied { _ = depth(stack.id, []) }
        let count = (wave.values.max() ?? -1) + 1
        return (0..<count).map { level in applied.filter { wave[$0.id] == level } }
    }

    func deliver() -> Workflow {
        var affected = Job(
            id: "affected", name: "affected", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(fullHistory: true), PipelineSteps.buildPlinth,
                Step.shell(
                    "Stacks this push touches",
                    """
                    base="$BEFORE"
                    if [ -z "$base" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then base="$(git rev-parse HEAD~1)"; fi
                    "$PLINTH" affected --base "$base"
                    "$PLINTH" affected --base "$base" --format json > affected.json
                    echo "stacks=$(jq -c '[.stacks[].id]' affected.json)" >> "$GITHUB_OUTPUT"
                    """, env: [("BEFORE", "${{ github.event.before }}")], id: "affected"),
            ])
        affected.outputs = [("stacks", "${{ steps.affected.outputs.stacks }}")]
        var jobs = [affected]
        var previous: [String] = []
        for stacksOfWave in waves() {
            var current: [String] = []
            for stack in stacksOfWave {
                guard let role = deployRole(for: stack) else { continue }
                let slug = PipelineSteps.slug(stack.id)
                let reference = RoleReference(account: role.account.rawValue, roleName: role.roleName)
                var job = Job(
                    id: "apply-\(slug)", name: "apply \(stack.id)", runsOn: runners,
                    permissions: ["contents": "read", "id-token": "write"],
                    steps: PipelineSteps.deployPrefix(
                        reference, region: stack.region ?? spec.regions.primary.rawValue, session: "plinth-\(slug)")
                        + [
                            Step.shell(
                                "Plan \(stack.id)",
                                "\"$PLINTH\" plan --stack \"$STACK\" --out plans\ncat plans/summary.md >> \"$GITHUB_STEP_SUMMARY\"",
                                env: [("STACK", stack.id)]),
                            Step.shell(
                                "Apply the reviewed plan",
                                """
                                echo "APPLY_STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$GITHUB_ENV"
                                "$PLINTH" apply --plans plans
                                """),
                            changeRecords(stack: stack.id, environment: applyEnvironment(for: role, stack: stack) ?? stack.account),
                            PipelineSteps.upload("plans-\(slug)", path: "plans/"),
                        ])
                job.needs = ["affected"] + previous
                job.condition =
                    "${{ !cancelled() && !contains(needs.*.result, 'failure') && contains(fromJSON(needs.affected.outputs.stacks), '\(stack.id)') }}"
                job.environment = applyEnvironment(for: role, stack: stack)
                job.concurrency = Concurrency(group: "apply-\(slug)", cancelInProgress: false)
                job.timeoutMinutes = 120
                current.append(job.id)
                jobs.append(job)
            }
            previous = current
        }
        let applies = jobs.dropFirst().map(\.id)
        if !applies.isEmpty { jobs.append(deployments(after: applies)) }
        return Workflow(file: "deliver.yml", name: "deliver", triggers: [.push(branches: [defaultBranch])], jobs: jobs)
    }

    /// The GitHub environment an apply job runs in: the stack's workspace when its role trusts it.
    func applyEnvironment(for role: DeployRoleSpec, stack: StackDescriptor) -> String? {
        environment(for: role, preferring: stack.workspace == "default" ? nil : stack.workspace)
    }

    /// This run's change records of one stack, read back from the change log after the apply
    /// (failed attempts included) and kept with its plans for the deployments job. `environment`
    /// names the GitHub deployment environment the record is reported under.
    func changeRecords(stack: String, environment: String?) -> Step {
        Step.shell(
            "Change records of \(stack)",
            """
            if [ -z "${APPLY_STARTED:-}" ]; then echo "nothing was applied"; exit 0; fi
            export CHANGE_ID="gh-$GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT"
            "$PLINTH" changes --stack "$STACK" --since "$APPLY_STARTED" --format json \\
              | jq '[.[] | select(.changeID == env.CHANGE_ID) | . + {deploymentEnvironment: env.DEPLOYMENT_ENVIRONMENT}]' \\
              > plans/changes.json
            jq -r '.[] | "\\(.stack): \\(.result) +\\(.added) ~\\(.changed) -\\(.destroyed)"' plans/changes.json
            """, env: [("STACK", stack), ("DEPLOYMENT_ENVIRONMENT", environment ?? "unknown")], condition: "${{ !cancelled() }}")
    }

    /// One GitHub deployment and its status per change record of this run, after every apply job:
    /// the only job allowed to write deployments, and it holds no cloud credentials.
    func deployments(after applies: [String]) -> Job {
        var job = Job(
            id: "deployments", name: "deployments", runsOn: PipelineSteps.hosted, permissions: ["deployments": "write"],
            steps: [
                Step.action("Fetch the change records", .downloadArtifact, with: [("pattern", "plans-*"), ("path", "applied")]),
                Step.shell(
                    "A deployment and its status per change record",
                    """
                    shopt -s nullglob
                    for file in applied/*/changes.json; do
                      jq -c '.[]' "$file" | while IFS= read -r record; do
                        stack=$(jq -r '.stack' <<<"$record")
                        deployment=$(jq '{
                            ref: (.commit // env.GITHUB_SHA), task: ("deploy:" + .stack), environment: .deploymentEnvironment,
                            auto_merge: false, required_contexts: [], description: ("plinth apply " + .stack)[0:140], payload: .
                          }' <<<"$record" | gh api --method POST "repos/$GITHUB_REPOSITORY/deployments" --input - --jq '.id')
                        jq '{
                            state: (if .result == "applied" then "success" else "failure" end), environment: .deploymentEnvironment,
                            description: ("\\(.result): +\\(.added) ~\\(.changed) -\\(.destroyed), change \\(.changeID)")[0:140]
                          } + (if .runURL then {log_url: .runURL} else {} end)' <<<"$record" \\
                          | gh api --method POST "repos/$GITHUB_REPOSITORY/deployments/$deployment/statuses" --input - > /dev/null
                        echo "$stack: deployment $deployment recorded"
                      done
                    done
                    """, env: [("GH_TOKEN", "${{ github.token }}")]),
            ])
        job.needs = applies
        job.condition = "${{ !cancelled() }}"
        job.timeoutMinutes = 15
        return job
    }

    // MARK: Drift

    /// Every account with applied stacks, planned nightly with its read-only plan role (prod
    /// included: no reviewer is needed to read), or its deploy role when it has no plan role and
    /// needs no approval; an issue is opened when a stack drifted.
    func drift() -> Workflow {
        var jobs: [Job] = []
        let accounts = Set(stacks.compactMap { stack in deployRole(for: stack).map { _ in stack.account ?? "" } }).sorted()
        for account in accounts {
            let deploy = spec.pipelines.deployRoles.first {
                $0.account.rawValue == account && $0.repository == repository.name && $0.access == .deploy && !$0.requiresApproval
            }
            guard let role = planRole(in: account) ?? deploy else { continue }
            let githubEnvironment = environment(for: role, preferring: nil)
            let ids = stacks.filter { $0.account == account && deployRole(for: $0) != nil }.map(\.id)
            let reference = RoleReference(account: account, roleName: role.roleName)
            var job = Job(
                id: "drift-\(PipelineSteps.slug(account))", name: "drift \(account)", runsOn: runners,
                permissions: ["contents": "read", "id-token": "write", "issues": "write"],
                steps: PipelineSteps.deployPrefix(reference, region: spec.regions.primary.rawValue, session: "plinth-drift-\(account)")
                    + [
                        Step.shell(
                            "Plan every stack of \(account)",
                            """
                            set -- \(ids.map { "--stack \($0)" }.joined(separator: " "))
                            "$PLINTH" plan "$@" --out drift
                            cat drift/summary.md >> "$GITHUB_STEP_SUMMARY"
                            if ! grep -q '^No changes\\.$' drift/summary.md; then
                              gh issue create --title "Drift in $ACCOUNT" --body-file drift/summary.md
                            fi
                            """,
                            env: [("ACCOUNT", account), ("GH_TOKEN", "${{ github.token }}")]
                                + (role.access == .plan ? [Self.planRoleVariable] : []))
                    ])
            job.environment = githubEnvironment
            job.concurrency = Concurrency(group: "drift-\(PipelineSteps.slug(account))", cancelInProgress: false)
            job.timeoutMinutes = 120
            jobs.append(job)
        }
        return Workflow(file: "drift.yml", name: "drift", triggers: [.schedule(cron: "17 5 * * *"), .workflowDispatch], jobs: jobs)
    }
}
