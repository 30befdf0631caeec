import Foundation
import PlinthLoader
import PlinthSpec
import Testing

@testable import PlinthPreview

@Suite struct LocalPreviewsTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func spec() throws -> PlatformSpec {
        let result = SpecLoader().load(path: repositoryRoot.appendingPathComponent("platform.yaml").path)
        return try #require(result.spec)
    }

    @Test func takesPoolAndLimitsFromTheSpec() throws {
        let previews = try LocalPreviews(spec: try Self.spec(), repositoryRoot: Self.repositoryRoot, environment: [:], endpoint: nil)
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
            _ = try LocalPreviews(spec: spec, repositoryRoot: Self.repositoryRoot, environment: [:], endpoint: nil)
        }
    }

    @Test func extensionPastTheMaximumIsRefusedBeforeAnythingIsTouched() async throws {
        // No emulator answers at this endpoint: the refusal must come first.
        let previews = try LocalPreviews(
            spec: try Self.spec(), repositoryRoot: Self.repositoryRoot, environment: [:], endpoint: "http://127.0.0.1:9")
        await #expect(throws: PreviewError.extensionTooLong(hours: 169, maximum: 168)) {
            _ = try await previews.extend(branch: "feature/x", hours: 169, now: Date(), progress: { _ in })
        }
    }
}
