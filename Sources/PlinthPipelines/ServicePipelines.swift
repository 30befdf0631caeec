import PlinthRender
import PlinthSpec

/// A service repository (policy-service): build and test, CodeQL, dependency review and a
/// container build on every pull request; on main, each image is pushed to its ECR repository and
/// the job fails on any critical or high scan finding without a recorded, unexpired exception.
struct ServicePipelines {
    var spec: PlatformSpec
    var repository: RepositorySpec

    var images: [ContainerRepositorySpec] { spec.pipelines.containerRepositories.filter { $0.sourceRepository == repository.name } }
    var functions: [FunctionArtifactSpec] { spec.pipelines.functionArtifacts.filter { $0.sourceRepository == repository.name } }

    func workflows() -> [Workflow] {
        var swiftTest = Job(
            id: "swift-test", name: "swift-test", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [
                PipelineSteps.checkout(), Step.shell("swift build", "swift build -Xswiftc -warnings-as-errors"),
                Step.shell("swift test", "swift test --skip-build"),
            ])
        swiftTest.timeoutMinutes = 60
        var codeql = Job(
            id: "codeql", name: "codeql", runsOn: PipelineSteps.hosted,
            permissions: ["contents": "read", "security-events": "write", "actions": "read"],
            steps: [
                PipelineSteps.checkout(),
                Step.action("CodeQL init", .codeQLInit, with: [("languages", "swift"), ("build-mode", "manual")]),
                Step.shell("Build for CodeQL", "swift build"),
                Step.action("CodeQL analyze", .codeQLAnalyze, with: [("category", "/language:swift")]),
            ])
        codeql.timeoutMinutes = 90
        var review = Job(
            id: "dependency-review", name: "dependency-review", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [Step.action("Dependency review", .dependencyReview, with: [("fail-on-severity", "high")])])
        review.timeoutMinutes = 15
        let build = Job(
            id: "container-scan", name: "container-scan", runsOn: PipelineSteps.hosted, permissions: PipelineSteps.readContents,
            steps: [PipelineSteps.checkout()]
                + images.map { image in
                    Step.shell(
                        "Build \(image.name)", "docker build --pull -f \"$DOCKERFILE\" -t \"$IMAGE:$GITHUB_SHA\" .",
                        env: [("DOCKERFILE", image.dockerfile), ("IMAGE", image.name.rawValue)])
                })
        let checks = Workflow(
            file: "checks.yml", name: "checks", triggers: [.pullRequest(branches: [repository.defaultBranch], types: [])],
            concurrency: Concurrency(group: "checks-${{ github.event.pull_request.number }}", cancelInProgress: true), gatesMerge: true,
            jobs: [swiftTest, codeql, review, build])
        return [checks] + (publish().map { [$0] } ?? [])
    }

    /// Where the publish job finds the exceptions the gate honours (rendered beside the workflows).
    static let exceptionsFile = ".github/scan-exceptions.json"

    /// Push and scan gate, when the spec gives this repository a publish role in the registry
    /// account: it can push only to this repository's ECR repositories and read their findings.
    func publish() -> Workflow? {
        let account = spec.pipelines.runners.account
        guard !images.isEmpty || !functions.isEmpty,
            let role = spec.pipelines.deployRoles.first(where: {
                $0.repository == repository.name && $0.account == account && $0.access == .publish
            }),
            role.branches.contains(repository.defaultBranch)
        else { return nil }
        let reference = RoleReference(account: account.rawValue, roleName: role.roleName)
        let jobs = images.map { image in
            var job = Job(
                id: "publish-\(PipelineSteps.slug(image.name.rawValue))", name: "publish \(image.name)",
                runsOn: spec.pipelines.runners.labels, permissions: ["contents": "read", "id-token": "write"],
                steps: [PipelineSteps.checkout(), PipelineSteps.buildPlinth]
                    + [PipelineSteps.assume(reference, region: spec.regions.primary.rawValue, session: "publish-\(image.name)")[0]]
                    + [
                        Step.shell(
                            "Build and push \(image.name)",
                            """
                            registry="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.$AWS_REGION.amazonaws.com"
                            aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
                            docker build --pull -f "$DOCKERFILE" -t "$registry/$IMAGE:$GITHUB_SHA" .
                            docker push "$registry/$IMAGE:$GITHUB_SHA"
                            """, env: [("DOCKERFILE", image.dockerfile), ("IMAGE", image.name.rawValue)]),
                        Step.shell(
                            "Gate on the ECR scan findings",
                            """
                            aws ecr wait image-scan-complete --repository-name "$IMAGE" --image-id "imageTag=$GITHUB_SHA"
                            aws ecr describe-image-scan-findings --repository-name "$IMAGE" --image-id "imageTag=$GITHUB_SHA" \\
                              --output json > findings.json
                            "$PLINTH" scan-gate --findings findings.json --exceptions "$EXCEPTIONS" --image "$IMAGE"
                            """, env: [("IMAGE", image.name.rawValue), ("EXCEPTIONS", Self.exceptionsFile)]),
                    ])
            job.concurrency = Concurrency(group: "publish-\(PipelineSteps.slug(image.name.rawValue))", cancelInProgress: false)
            // A release build of plinth for the gate, then the image build and the scan.
            job.timeoutMinutes = 60
            return job
        }
        return Workflow(
            file: "publish.yml", name: "publish", triggers: [.push(branches: [repository.defaultBranch])],
            jobs: jobs + functionJobs(reference))
    }

    /// One job per Lambda function this repository builds: the release zip, uploaded to the
    /// artifact bucket of every environment that runs the function, whose stack then deploys the
    /// new version at its next plan and apply.
    func functionJobs(_ reference: RoleReference) -> [Job] {
        let destinations = FunctionArtifactDestination.all(in: spec)
        return functions.compactMap { function in
            let mine = destinations.filter { $0.function == function.name.rawValue }
            guard !mine.isEmpty else { return nil }
            let name = function.name.rawValue
            var job = Job(
                id: "publish-\(PipelineSteps.slug(name))", name: "publish \(name)", runsOn: spec.pipelines.runners.labels,
                permissions: ["contents": "read", "id-token": "write"],
                steps: [
                    PipelineSteps.checkout(),
                    Step.shell(
                        "Build \(name)",
                        """
                        "$BUILD" | tee build.log
                        echo "ARTIFACT=$(tail -n 1 build.log)" >> "$GITHUB_ENV"
                        """, env: [("BUILD", function.build)]),
                    PipelineSteps.assume(reference, region: spec.regions.primary.rawValue, session: "publish-\(name)")[0],
                ]
                    + mine.map { destination in
                        Step.shell(
                            "Publish to \(destination.environment)",
                            #"aws s3 cp "$ARTIFACT" "s3://$BUCKET/$KEY" --region "$REGION" --no-progress"#,
                            env: [("BUCKET", destination.bucket), ("KEY", destination.key), ("REGION", destination.region)])
                    })
            job.concurrency = Concurrency(group: "publish-\(PipelineSteps.slug(name))", cancelInProgress: false)
            // A static release build of the function takes about 20 minutes on a 2-core runner.
            job.timeoutMinutes = 60
            return job
        }
    }
}
