import AsyncHTTPClient
import Foundation
import PlinthAWS
import PlinthAddressing
import PlinthProvisioning
import PlinthRender
import PlinthSpec

/// `plinth preview` on a target (the emulator with `--local`, the dev account without): leases
/// from the lease table, the preview's stacks rendered into `<target work directory>/previews/<slug>`
/// and applied or destroyed with Terraform, and what is left read back through the AWS APIs.
public struct Previews: Sendable {
    public var spec: PlatformSpec
    public var target: any StackTarget
    /// The lease table; the spec's by default, another for tests.
    public var leaseTable: String
    public let previews: PreviewSpec
    public let pool: PreviewAddressPool

    /// Throws `PreviewError.disabled` when no environment has previews enabled.
    public init(target: any StackTarget, leaseTable: String? = nil) throws {
        let spec = target.spec
        guard let (_, previews) = spec.previewEnvironment else {
            throw PreviewError.disabled(detail: "no environment sets previews.enabled: true in the spec")
        }
        let poolSpec = spec.network.addressPlan.previewPool
        guard let pool = PreviewAddressPool(pool: poolSpec.cidr, prefixLength: previews.prefixLength) else {
            throw PreviewError.disabled(detail: "a /\(previews.prefixLength) does not fit the preview pool \(poolSpec.cidr)")
        }
        self.spec = spec
        self.target = target
        self.leaseTable = leaseTable ?? spec.previewLeaseTable
        self.previews = previews
        self.pool = pool
    }

    var directory: URL { target.workDirectory.appendingPathComponent("previews") }
    var region: String { spec.network.addressPlan.previewPool.region.rawValue }

    /// What `up` did.
    public struct UpReport: Sendable {
        public var lease: PreviewLease
        public var isNew: Bool
        public var url: String
        public var stacks: [StackOutcome]
        public var seconds: Double
    }

    /// What `down` or a reap of one preview did.
    public struct DownReport: Sendable {
        public var lease: PreviewLease
        public var stacks: [StackOutcome]
        public var seconds: Double
    }

    /// One preview a reap ended (or failed to).
    public struct ReapOutcome: Sendable {
        public var lease: PreviewLease
        public var reason: PreviewReaper.Reason
        /// Nil when it was ended; otherwise why not (another reaper got there first, a destroy failed).
        public var error: String?
    }

    /// Leases (or renews), applies the preview's stacks and marks it ready. A failed apply leaves
    /// the lease in `provisioning` with the failure recorded, for `reap` to clear.
    public func up(
        _ request: PreviewLeaseRequest, now: Date, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> UpReport {
        let started = Date()
        return try await withStore(progress) { store, session in
            let acquisition = try await store.acquire(request, now: now)
            progress(
                .note(
                    (acquisition.isNew ? "leased " : "renewed ")
                        + "\(acquisition.lease.cidr) for \(request.branch) as \(acquisition.lease.slug)"))
            let outcomes: [StackOutcome]
            do {
                let (provisioner, stacks) = try preparedStacks(for: acquisition.lease, session: session)
                outcomes = try await provisioner.up(stacks, progress: progress)
            } catch {
                _ = try? await store.transition(acquisition.lease, to: .provisioning, failure: "\(error)", now: Date())
                throw error
            }
            let ready = try await store.transition(acquisition.lease, to: .ready, now: Date())
            return UpReport(
                lease: ready, isNew: acquisition.isNew, url: "http://" + (try stacksRenderer(session).hostName(slug: ready.slug.value)),
                stacks: outcomes, seconds: Date().timeIntervalSince(started))
        }
    }

    /// Destroys a branch's preview and releases its lease.
    public func down(branch: String, now: Date, progress: @escaping @Sendable (ProvisionEvent) -> Void) async throws -> DownReport {
        try await withStore(progress) { store, session in
            guard let lease = try await store.lease(branch: branch) else { throw PreviewError.unknownBranch(branch) }
            let claimed = lease.state == .destroying ? lease : try await store.transition(lease, to: .destroying, now: now)
            return try await destroy(claimed, store: store, session: session, progress: progress)
        }
    }

    /// Every lease.
    public func list(progress: @escaping @Sendable (ProvisionEvent) -> Void = { _ in }) async throws -> [PreviewLease] {
        try await withStore(progress) { store, _ in try await store.leases() }
    }

    /// Sets a preview's expiry to `hours` from now, within the spec's `maxTtlHours`.
    public func extend(
        branch: String, hours: Int, now: Date, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws
        -> PreviewLease
    {
        guard hours >= 1, hours <= previews.maxTtlHours else {
            throw PreviewError.extensionTooLong(hours: hours, maximum: previews.maxTtlHours)
        }
        return try await withStore(progress) { store, _ in
            try await store.extend(branch: branch, hours: hours, maximumHours: previews.maxTtlHours, now: now)
        }
    }

    /// Only the lease (no stacks): what the concurrency test and the benchmark drive.
    public func lease(_ request: PreviewLeaseRequest, now: Date) async throws -> PreviewLeaseStore.Acquisition {
        try await withStore({ _ in }) { store, _ in try await store.acquire(request, now: now) }
    }

    /// Ends every due preview (see `PreviewReaper`). Each is claimed with a conditional write
    /// first, so of several reapers only one acts on a preview; the others skip it.
    public func reap(
        openPullRequests: Set<Int>?, now: Date, progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> [ReapOutcome] {
        try await withStore(progress) { store, session in
            var outcomes: [ReapOutcome] = []
            for (lease, reason) in PreviewReaper.due(try await store.leases(), now: now, openPullRequests: openPullRequests) {
                do {
                    // A destroy taken over from a run that died is claimed by bumping its revision.
                    let claimed = try await store.transition(lease, to: .destroying, failure: lease.failure, now: now)
                    progress(.note("reaping \(lease.branch) (\(lease.slug), \(lease.cidr)): \(reason.rawValue)"))
                    _ = try await destroy(claimed, store: store, session: session, progress: progress)
                    outcomes.append(ReapOutcome(lease: lease, reason: reason, error: nil))
                } catch {
                    outcomes.append(ReapOutcome(lease: lease, reason: reason, error: "\(error)"))
                }
            }
            return outcomes
        }
    }

    /// VPCs, subnets and Transit Gateway attachments still tagged with the preview.
    public func remaining(slug: PreviewSlug, client: AWSClient) async throws -> [String] {
        let ec2 = EC2Client(client: client)
        let tagged: (_ tags: [String: String]) -> Bool = { $0[PreviewTarget.tagKey] == slug.value }
        return try await ec2.describeVPCs().filter { tagged($0.tags) }.map { "vpc \($0.id)" }
            + ec2.describeSubnets().filter { tagged($0.tags) }.map { "subnet \($0.id)" }
            + ec2.describeTransitGatewayAttachments().filter { tagged($0.tags) && $0.state != "deleted" }.map {
                "transit gateway attachment \($0.id)"
            }
    }

    private func destroy(
        _ lease: PreviewLease, store: PreviewLeaseStore, session: TargetSession,
        progress: @escaping @Sendable (ProvisionEvent) -> Void
    ) async throws -> DownReport {
        let started = Date()
        let (provisioner, stacks) = try preparedStacks(for: lease, session: session)
        let outcomes = try await provisioner.down(stacks, progress: progress)
        let left = try await remaining(slug: lease.slug, client: session.client(region: region))
        guard left.isEmpty else {
            throw PreviewError.store(detail: "\(lease.slug) still has \(left.joined(separator: ", ")); its lease is kept")
        }
        try await store.release(lease)
        progress(.note("released \(lease.cidr) of \(lease.branch)"))
        return DownReport(lease: lease, stacks: outcomes, seconds: Date().timeIntervalSince(started))
    }

    private func stacksRenderer(_ session: TargetSession) -> PreviewStacks {
        // The tree is written to .plinth/<local or accounts>/previews/<slug>, four levels below the repository.
        PreviewStacks(spec: spec, target: session.renderTarget, modulesDirectory: "../../../../platform-modules")
    }

    /// Renders the preview's stacks into its own directory and the provisioner to run them.
    private func preparedStacks(for lease: PreviewLease, session: TargetSession) throws -> (Provisioner, [TerraformStack]) {
        let root = directory.appendingPathComponent(lease.slug.value)
        let rendered = try stacksRenderer(session).render(
            PreviewTarget(
                branch: lease.branch, slug: lease.slug.value, cidr: lease.cidr, resourceName: "pv-" + PreviewSlug.hash(lease.slug.value)))
        try rendered.write(to: root)
        let own = Set(rendered.stacks.map(\.id))
        let stacks = rendered.stacks.map {
            TerraformStack(
                id: $0.id, directory: root.appendingPathComponent($0.directory), workspace: $0.workspace,
                dependsOn: $0.dependsOn.filter(own.contains))
        }
        let runner = try session.terraformRunner(
            for: rendered.stacks, environment: target.environment, logDirectory: directory.appendingPathComponent("logs/\(lease.slug)"))
        let provisioner = Provisioner(
            runner: runner, unlockStaleLocks: true,
            stateObjectExists: session.stateObjectChecker(region: spec.terraformState.region.rawValue))
        return (provisioner, stacks)
    }

    private func withStore<T: Sendable>(
        _ progress: @escaping @Sendable (ProvisionEvent) -> Void,
        _ body: (PreviewLeaseStore, TargetSession) async throws -> T
    ) async throws -> T {
        try await target.withSession(progress: progress) { session in
            let dynamoDB = DynamoDBClient(client: session.client(region: spec.terraformState.region.rawValue))
            do {
                _ = try await dynamoDB.describeTable(name: leaseTable)
            } catch let error as AWSError where error.code == "ResourceNotFoundException" {
                throw PreviewError.store(
                    detail:
                        "the lease table \(leaseTable) does not exist; apply its stack first (<state account>/<region>/preview-leases)"
                )
            }
            let store = PreviewLeaseStore(dynamoDB: dynamoDB, table: leaseTable, pool: pool, maxConcurrent: previews.maxConcurrent)
            return try await body(store, session)
        }
    }
}
