import Foundation
import PlinthLoader
import PlinthProvisioning
import PlinthSpec
import Testing

@testable import PlinthPreview

@Suite struct PreviewsTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func spec() throws -> PlatformSpec {
        let result = SpecLoader().load(path: repositoryRoot.appendingPathComponent("platform.yaml").path)
        return try #require(result.spec)
    }

    static func emulator(_ spec: PlatformSpec, endpoint: String?) throws -> EmulatorTarget {
        EmulatorTarget(platform: LocalPlatform(spec: spec, repositoryRoot: repositoryRoot, environment: [:]), endpoint: endpoint)
    }

    @Test func takesPoolAndLimitsFromTheSpec() throws {
        let previews = try Previews(target: try Self.emulator(try Self.spec(), endpoint: nil))
        #expect(previews.pool.pool.description == "10.28.0.0/14")
        #expect(previews.pool.prefixLength == 22)
        #expect(previews.previews.maxConcurrent == 40)
        #expect(previews.previews.maxTtlHours == 168)
        #expect(previews.leaseTable == "allergyhub-preview-leases")
    }

    @Test func refusesWhenPreviewsAreDisabled() throws {
        var spec = try Self.spec()
        for index in spec.environments.indices { spec.environments[index].previews?.enabled = false }
        #expect(throws: PreviewError.disabled(detail: "no environment sets previews.enabled: true in the spec")) {
            _ = try Previews(target: try Self.emulator(spec, endpoint: nil))
        }
    }

    @Test func extensionPastTheMaximumIsRefusedBeforeAnythingIsTouched() async throws {
        // No emulator answers at this endpoint: the refusal must come first.
        let previews = try Previews(target: try Self.emulator(try Self.spec(), endpoint: "http://127.0.0.1:9"))
        await #expect(throws: PreviewError.extensionTooLong(hours: 169, maximum: 168)) {
            _ = try await previews.extend(branch: "feature/x", hours: 169, now: Date(), progress: { _ in })
        }
    }

    @Test func onTheAccountsWithoutCredentialsNothingIsReached() async throws {
        let previews = try Previews(
            target: AccountPlatform(spec: try Self.spec(), repositoryRoot: Self.repositoryRoot, environment: ["PATH": "/usr/bin:/bin"]))
        await #expect {
            _ = try await previews.list()
        } throws: { error in
            guard case ProvisioningError.accountAccess(let detail) = error else { return false }
            return detail.contains("AWS_ACCESS_KEY_ID")
        }
    }
}
