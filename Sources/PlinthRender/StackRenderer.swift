import PlinthAddressing
import PlinthSpec

/// Renders a platform spec into root stacks: one per concern and scope, their files, the stack graph
/// in apply order, and (for the local target) what was switched off. Pure: reads nothing from disk,
/// so the same spec and target always give the same bytes.
public struct StackRenderer: Sendable {
    public var spec: PlatformSpec
    public var target: RenderTarget
    /// Where module sources point: a path relative to the output root (`../platform-modules`, right
    /// when the output root is `<repository>/infrastructure`), or an absolute directory for trees
    /// written elsewhere (such as a local target's scratch directory).
    public var modulesDirectory: String
    /// On the local target, switch off what the emulator cannot serve (true, for `up --local`), or
    /// keep every resource the real target has (false): such a tree is for plans only, so that
    /// checks over a plan (checkov's terraform_plan) see the whole platform, not the emulator's subset.
    public var emulatorLimits = true

    /// The Terraform variable through which the real target's stacks get the job's OIDC token file
    /// (`TF_VAR_<name>`); whoever runs Terraform on them sets it from `AWS_WEB_IDENTITY_TOKEN_FILE`.
    public static var tokenFileVariable: String { StackFiles.tokenFileVariable }

    public init(spec: PlatformSpec, target: RenderTarget) {
        self.init(spec: spec, target: target, modulesDirectory: "../platform-modules")
    }

    public init(spec: PlatformSpec, target: RenderTarget, modulesDirectory: String) {
        self.spec = spec
        self.target = target
        self.modulesDirectory = modulesDirectory
    }

    /// Stack id of the organization stack.
    static let organizationStack = "org/organization"

    public func render() throws -> RenderedInfrastructure {
        let stacks = try renderStacks()
        var tree = stacks.documents.mapValues { $0.rendered() }
        tree["stacks.json"] = StacksDocument.json(stacks.stacks, spec: spec, workspaceKeyPrefix: stacks.workspaceKeyPrefix).rendered()
        tree["README.md"] = InfrastructureReadme(spec: spec, stacks: stacks.stacks, plans: stacks.plans, target: target).text()
        return RenderedInfrastructure(files: tree, stacks: stacks.stacks, disabled: stacks.disabled)
    }

    /// The stacks and their files as JSON values, without writing them out as text or rendering the
    /// tree-wide files (`stacks.json`, `README.md`): for comparing two renders (`plinth affected`),
    /// where turning every file into text only to compare it again was most of the time.
    public func renderStacks() throws -> RenderedStacks {
        var aws = AWSStacks(spec: spec, target: target)
        aws.emulatorLimits = emulatorLimits
        var plans = aws.plans()
        if target.localEndpoint == nil {
            plans += SaaSStacks(spec: spec).plans()
        }
        var disabled: [DisabledResource] = []
        var ids = Set<String>()
        for plan in plans {
            guard ids.insert(plan.id).inserted else {
                throw RenderError.inconsistentSpec("two stacks would share the directory \(plan.id)")
            }
        }
        var files = StackFiles(spec: spec, target: target, modulesDirectory: modulesDirectory, organizationStack: Self.organizationStack)
        files.workspaces = Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0.workspace) })
        var documents: [String: JSONValue] = [:]
        var descriptors: [StackDescriptor] = []
        for plan in plans {
            var dependsOn = plan.dependsOn
            if files.readsAccountIDs(plan), !dependsOn.contains(Self.organizationStack) {
                dependsOn = (dependsOn + [Self.organizationStack]).sorted()
            }
            for upstream in dependsOn where !ids.contains(upstream) {
                throw RenderError.inconsistentSpec("stack \(plan.id) reads \(upstream), which is not rendered")
            }
            documents.merge(files.documents(for: plan)) { _, new in new }
            descriptors.append(files.descriptor(plan, dependsOn: dependsOn))
            disabled += plan.disabled.map { DisabledResource(stack: plan.id, resource: $0.resource, reason: $0.reason) }
        }
        disabled += aws.auditBaselineLeftOutLocally()
        // The graph keeps this order among stacks ready together: the bootstrap stack first, AWS
        // before SaaS, then by id, so `stacks.json` comes out the same for the same spec.
        func rank(_ stack: StackDescriptor) -> (Int, Int, String) { (stack.bootstrap ? 0 : 1, stack.provider == "aws" ? 0 : 1, stack.id) }
        descriptors.sort { rank($0) < rank($1) }
        let ordered: [StackDescriptor]
        do { ordered = try StackGraph(descriptors).applyOrder } catch { throw RenderError.stackGraph(error) }
        return RenderedStacks(
            stacks: ordered, documents: documents, disabled: disabled, plans: plans, workspaceKeyPrefix: files.workspaceKeyPrefix)
    }
}
