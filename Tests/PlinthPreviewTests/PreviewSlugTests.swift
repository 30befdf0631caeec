import Testing

@testable import PlinthPreview

@Suite struct PreviewSlugTests {
    static let branches = [
        "main",
        "feature/ALLERGY-123_new-panel",
        "feature/allergy-123-new-panel",
        "Feature/Allergy-123-New-Panel",
        "feature/allergy.123.new.panel",
        "fix/überprüfung-der-allergene",
        "功能/过敏",
        "🚀",
        "feature/" + String(repeating: "very-long-name-", count: 10),
        "feature/" + String(repeating: "very-long-name-", count: 10) + "x",
        "-leading-hyphen",
        "release-1a2b3c4d",
        "a",
    ]

    @Test func everySlugIsADNSLabel() {
        for branch in Self.branches {
            let slug = PreviewSlug(branch: branch)
            #expect(PreviewSlug.isPlainLabel(slug.value), "\(branch) -> \(slug)")
            #expect(slug.value.utf8.count <= 63)
        }
    }

    @Test func distinctBranchesGetDistinctSlugs() {
        let slugs = Self.branches.map { PreviewSlug(branch: $0).value }
        #expect(Set(slugs).count == Self.branches.count, "\(slugs)")
        #expect(PreviewSlug(branch: "feature/ALLERGY-123_new-panel") != PreviewSlug(branch: "feature/allergy-123-new-panel"))
    }

    @Test func slugIsStableAndReadable() {
        #expect(PreviewSlug(branch: "main").value == "main")
        #expect(PreviewSlug(branch: "feature/x") == PreviewSlug(branch: "feature/x"))
        let folded = PreviewSlug(branch: "feature/ALLERGY-123_new-panel").value
        #expect(folded.hasPrefix("feature-allergy-123-new-panel-"))
        #expect(folded.count == "feature-allergy-123-new-panel-".count + 8)
        #expect(PreviewSlug(branch: "功能/过敏").value.hasPrefix("branch-"))
    }

    @Test func plainNameShapedLikeAHashedSlugIsHashedToo() {
        // The slug `feature/x` hashes to must not be reachable by naming a branch after it.
        let hashed = PreviewSlug(branch: "feature/x").value
        #expect(PreviewSlug(branch: hashed).value != hashed)
        #expect(PreviewSlug(branch: "release-1a2b3c4d").value.hasPrefix("release-1a2b3c4d-"))
    }

    @Test func longNamesKeepTheirStartAndFit() {
        let long = PreviewSlug(branch: String(repeating: "abcdefghij", count: 10)).value
        #expect(long.count == 63)
        #expect(long.hasPrefix("abcdefghij"))
        let exactly63 = String(repeating: "b", count: 63)
        #expect(PreviewSlug(branch: exactly63).value == exactly63)
    }
}
