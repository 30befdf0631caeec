import PlinthSpec

/// The platform-modules repository: fmt, `terraform test` and checkov on pull requests, and a
/// release job on main tagging `<module>/vX.Y.Z` for every module the push changed.
struct ModulesPipelines {
    var repository: RepositorySpec

    func workflows() -> [Workflow] {
        let fmt = PipelineSteps.terraformFmt(["platform-modules"])
        var test = Job(
            id: "terraform-test", name: "terraform-test", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(), PipelineSteps.setupTerraform,
                Step.shell(
                    "terraform test of every module",
                    """
                    for module in platform-modules/*/; do
                      echo "::group::$module"
                      terraform -chdir="$module" init -backend=false -input=false >/dev/null
                      terraform -chdir="$module" validate
                      terraform -chdir="$module" test
                      echo "::endgroup::"
                    done
                    """),
            ])
        test.timeoutMinutes = 60
        let checkov = Job(
            id: "checkov", name: "checkov", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(), PipelineSteps.installCheckov,
                Step.shell(
                    "checkov over the modules", "\"$HOME/.local/bin/checkov\" --framework terraform --quiet --compact -d platform-modules"),
            ])
        let checks = Workflow(
            file: "checks.yml", name: "checks", triggers: [.pullRequest(branches: [repository.defaultBranch], types: [])],
            concurrency: Concurrency(group: "checks-${{ github.event.pull_request.number }}", cancelInProgress: true), gatesMerge: true,
            jobs: [fmt, test, checkov])

        var release = Job(
            id: "release", name: "release", runsOn: PipelineSteps.hosted, permissions: ["contents": "write"],
            steps: [
                PipelineSteps.checkout(fullHistory: true),
                Step.shell(
                    "Tag the modules this push changed",
                    """
                    base="$BEFORE"
                    if [ -z "$base" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then base="$(git rev-parse HEAD~1)"; fi
                    git diff --name-only "$base" "$GITHUB_SHA" -- platform-modules \\
                      | cut -d/ -f2 | sort -u | while read -r module; do
                      [ -d "platform-modules/$module" ] || continue
                      last="$(git tag --list "$module/v*" --sort=-v:refname | head -n 1)"
                      version="${last#"$module/v"}"
                      if [ -z "$last" ]; then next="0.1.0"; else
                        IFS=. read -r major minor patch <<< "$version"
                        next="$major.$minor.$((patch + 1))"
                      fi
                      echo "tagging $module/v$next"
                      gh api "repos/$GITHUB_REPOSITORY/git/refs" -f "ref=refs/tags/$module/v$next" -f "sha=$GITHUB_SHA"
                    done
                    """, env: [("BEFORE", "${{ github.event.before }}"), ("GH_TOKEN", "${{ github.token }}")]),
            ])
        release.concurrency = Concurrency(group: "release", cancelInProgress: false)
        let releases = Workflow(
            file: "release.yml", name: "release", triggers: [.push(branches: [repository.defaultBranch])], jobs: [release])
        return [checks, releases]
    }
}
