import Foundation
import PlinthPipelines
import PlinthRender
import Testing

@Suite("pipelines: rendered workflows")
struct PipelineRendererTests {
    @Test func committedPipelinesEqualTheRender() throws {
        let rendered = try PipelineFixture.render()
        let files = rendered.renderer.files()
        #expect(files.keys.contains("infrastructure/.github/workflows/deliver.yml"))
        #expect(files.keys.contains("policy-service/.github/dependabot.yml"))
        for (path, text) in files {
            let url = PipelineFixture.repositoryRoot.appendingPathComponent("pipelines/\(path)")
            #expect((try? String(contentsOf: url, encoding: .utf8)) == text, "pipelines/\(path) differs; run plinth render")
        }
        #expect(rendered.renderer.files() == files, "the render is deterministic")
    }

    @Test func appliesRunWaveByWaveOnePerStackNeverCancelled() throws {
        let rendered = try PipelineFixture.render()
        let deliver = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "deliver.yml" })
        let applies = deliver.jobs.filter { $0.id.hasPrefix("apply-") }
        #expect(!applies.isEmpty)
        #expect(Set(applies.compactMap(\.concurrency?.group)).count == applies.count)
        #expect(applies.allSatisfy { $0.concurrency?.cancelInProgress == false })
        #expect(applies.allSatisfy { $0.runsOn == rendered.spec.pipelines.runners.labels })
        #expect(deliver.concurrency == nil)
        // Every stack a job applies comes after the jobs of the stacks it depends on.
        let jobOf = Dictionary(uniqueKeysWithValues: applies.map { ($0.name.replacingOccurrences(of: "apply ", with: ""), $0) })
        var ancestors: [String: Set<String>] = [:]
        func closure(_ id: String) -> Set<String> {
            if let known = ancestors[id] { return known }
            let needs = Set(jobOf[id]?.needs ?? [])
            let upstream = applies.filter { needs.contains($0.id) }.map { $0.name.replacingOccurrences(of: "apply ", with: "") }
            let result = Set(upstream).union(upstream.flatMap(closure))
            ancestors[id] = result
            return result
        }
        for stack in rendered.infrastructure.stacks where jobOf[stack.id] != nil {
            for upstream in stack.dependsOn where jobOf[upstream] != nil {
                #expect(closure(stack.id).contains(upstream), "\(stack.id) must wait for \(upstream)")
            }
        }
        let prod = applies.filter { $0.name.hasPrefix("apply env/prod/") }
        #expect(!prod.isEmpty && prod.allSatisfy { $0.environment == "prod" })
    }

    @Test func previewsNeverCancelARunningDestroy() throws {
        let rendered = try PipelineFixture.render()
        let preview = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "preview.yml" })
        #expect(preview.concurrency == Concurrency(group: "preview-${{ github.event.pull_request.number }}", cancelInProgress: false))
        let text = preview.yaml()
        #expect(text.contains("preview up --branch \"$BRANCH\" --pr \"$PR_NUMBER\" --commit \"$HEAD_SHA\""))
        #expect(text.contains("preview down --branch \"$BRANCH\""))
        let reap = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "preview-reap.yml" })
        #expect(reap.yaml().contains("preview reap --open-prs open-prs.json"))
    }

    @Test func everyWorkflowGrantsNothingAtTheTopAndTheGateUploadsSARIF() throws {
        let rendered = try PipelineFixture.render()
        for workflow in rendered.workflows.values.flatMap({ $0 }) {
            #expect(workflow.yaml().contains("\npermissions: {}\n"), "\(workflow.file)")
        }
        let checks = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "checks.yml" })
        let gate = try #require(checks.jobs.first { $0.name == "iac-policy" })
        #expect(gate.permissions["security-events"] == "write")
        #expect(gate.steps.contains { $0.run?.contains("check --plans plans --format sarif") == true })
        #expect(gate.steps.contains { $0.uses == .uploadSARIF })
    }
}

/// The roles of the pipelines that do not deploy: pull-request plans and drift checks read with the
/// plan roles, the policy-service image is pushed with its own publish role, and one job records the
/// GitHub deployments.
@Suite("pipelines: plan, publish and deployment records")
struct PipelineRoleTests {
    @Test func pullRequestPlansAndDriftChecksUseThePlanRoles() throws {
        let rendered = try PipelineFixture.render()
        let checks = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "checks.yml" })
        let plan = try #require(checks.jobs.first { $0.id == "terraform-plan" })
        #expect(plan.assumedRoles == [RoleReference(account: "shared-services", roleName: "plinth-plan")])
        #expect(plan.permissions == ["contents": "read", "pull-requests": "write", "id-token": "write"])
        #expect(plan.environment == nil)
        let planStep = try #require(plan.steps.first { $0.name == "Plan the affected stacks" })
        #expect(planStep.env.contains { $0 == ("TF_VAR_plinth_role", "plan") })
        let drift = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "drift.yml" })
        #expect(drift.jobs.map(\.id) == ["drift-dev", "drift-prod", "drift-shared-services", "drift-staging"])
        for job in drift.jobs {
            let account = String(job.id.dropFirst("drift-".count))
            #expect(job.assumedRoles == [RoleReference(account: account, roleName: "plinth-plan")], "\(job.id)")
            #expect(job.environment == nil, "\(job.id): a plan needs no approval environment")
            #expect(job.steps.contains { $0.env.contains { $0 == ("TF_VAR_plinth_role", "plan") } }, "\(job.id)")
        }
    }

    @Test func thePolicyServiceImageIsPushedWithItsOwnRoleAndGatedByTheRecordedExceptions() throws {
        let rendered = try PipelineFixture.render()
        let publish = try #require(rendered.workflows["policy-service"]?.first { $0.file == "publish.yml" })
        #expect(publish.triggers == [.push(branches: ["main"])])
        let job = try #require(publish.jobs.first)
        #expect(job.assumedRoles == [RoleReference(account: "shared-services", roleName: "plinth-publish")])
        #expect(job.permissions == ["contents": "read", "id-token": "write"])
        let gate = try #require(job.steps.first { $0.name == "Gate on the ECR scan findings" })
        #expect(
            gate.run?.contains("\"$PLINTH\" scan-gate --findings findings.json --exceptions \"$EXCEPTIONS\" --image \"$IMAGE\"") == true)
        #expect(gate.env.contains { $0 == ("EXCEPTIONS", ".github/scan-exceptions.json") })
        let files = rendered.renderer.files()
        let exceptions = try #require(files["policy-service/.github/scan-exceptions.json"])
        #expect(try ScanGate.exceptions(file: Data(exceptions.utf8), image: "policy-service") == [])
        #expect(files["infrastructure/.github/scan-exceptions.json"] == nil)
    }

    @Test func theRotationZipIsBuiltThenPublishedToEveryEnvironmentThatRunsIt() throws {
        let rendered = try PipelineFixture.render()
        let publish = try #require(rendered.workflows["policy-service"]?.first { $0.file == "publish.yml" })
        let job = try #require(publish.jobs.first { $0.id == "publish-secret-rotation" })
        #expect(job.assumedRoles == [RoleReference(account: "shared-services", roleName: "plinth-publish")])
        #expect(job.concurrency?.cancelInProgress == false)
        // Built before the role is assumed, so the hour of credentials is not spent on the build.
        let build = try #require(job.steps.firstIndex { $0.name == "Build secret-rotation" })
        let assume = try #require(job.steps.firstIndex { $0.uses != nil && $0.name.hasPrefix("Assume") })
        #expect(build < assume)
        #expect(job.steps[build].env.contains { $0 == ("BUILD", "scripts/package-rotation") })
        let uploads = job.steps.filter { $0.name.hasPrefix("Publish to ") }
        let destinations = FunctionArtifactDestination.all(in: try PipelineFixture.spec())
        #expect(uploads.map(\.name) == destinations.map { "Publish to \($0.environment)" })
        for (upload, destination) in zip(uploads, destinations) {
            #expect(upload.env.contains { $0 == ("BUCKET", destination.bucket) })
            #expect(upload.env.contains { $0 == ("KEY", destination.key) })
        }
    }

    @Test func deploymentsAreRecordedByOneJobAfterEveryApply() throws {
        let rendered = try PipelineFixture.render()
        let deliver = try #require(rendered.workflows["infrastructure"]?.first { $0.file == "deliver.yml" })
        let applies = deliver.jobs.filter { $0.id.hasPrefix("apply-") }
        let record = try #require(deliver.jobs.first { $0.id == "deployments" })
        #expect(record.permissions == ["deployments": "write"])
        #expect(record.assumedRoles.isEmpty)
        #expect(Set(record.needs) == Set(applies.map(\.id)))
        #expect(record.condition == "${{ !cancelled() }}")
        #expect(record.steps.contains { $0.run?.contains("gh api --method POST \"repos/$GITHUB_REPOSITORY/deployments\"") == true })
        #expect(record.steps.contains { $0.run?.contains("deployments/$deployment/statuses") == true })
        #expect(
            rendered.workflows.values.flatMap { $0 }.flatMap(\.jobs).filter { $0.permissions["deployments"] != nil }.map(\.id)
                == ["deployments"])
        for job in applies {
            let records = try #require(job.steps.firstIndex { $0.name.hasPrefix("Change records of") }, "\(job.id)")
            let apply = try #require(job.steps.firstIndex { $0.name == "Apply the reviewed plan" })
            #expect(apply < records)
            #expect(job.steps[records].condition == "${{ !cancelled() }}")
            #expect(
                job.steps[records].run?.contains("\"$PLINTH\" changes --stack \"$STACK\" --since \"$APPLY_STARTED\" --format json") == true)
        }
        let prod = try #require(applies.first { $0.environment == "prod" })
        #expect(prod.steps.contains { $0.env.contains { $0 == ("DEPLOYMENT_ENVIRONMENT", "prod") } })
    }
}

@Suite("pipelines: the prod environment in saas/github")
struct ProdEnvironmentTests {
    @Test func prodHasReviewersAndDeploysFromMainOnly() throws {
        let rendered = try PipelineFixture.render()
        let text = try #require(rendered.infrastructure.files["saas/github/repositories/main.tf.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let resources = try #require(root["resource"] as? [String: [String: [String: Any]]])
        let prod = try #require(resources["github_repository_environment"]?["infrastructure_prod"])
        #expect(prod["environment"] as? String == "prod")
        let reviewers = try #require((prod["reviewers"] as? [[String: Any]])?.first?["teams"] as? [String])
        #expect(reviewers == ["${data.github_team.platform_team.id}"])
        let policy = try #require((prod["deployment_branch_policy"] as? [[String: Bool]])?.first)
        #expect(policy == ["protected_branches": false, "custom_branch_policies": true])
        let branches = (resources["github_repository_environment_deployment_policy"] ?? [:]).values
            .filter { ($0["environment"] as? String)?.contains("infrastructure_prod") == true }
            .compactMap { $0["branch_pattern"] as? String }
        #expect(branches == ["main"])
    }
}
