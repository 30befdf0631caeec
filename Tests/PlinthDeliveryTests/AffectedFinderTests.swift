import Foundation
import PlinthDelivery
import PlinthLoader
import PlinthRender
import Testing

/// `plinth affected` against a throwaway git repository holding this repository's spec.
@Suite struct AffectedFinderTests {
    @Test func unchangedWorkingTreeAffectsNothing() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        let result = try AffectedFinder(specPath: repository.specPath).find(base: "main")
        #expect(result.affected.stacks.isEmpty)
        #expect(result.affected.removed.isEmpty)
        #expect(result.baseCommit.count == 40)
    }

    @Test func aProdAlarmThresholdAffectsOnlyProdObservability() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.edit("platform.yaml", replacing: "threshold: 50\n", with: "threshold: 75\n")
        let affected = try AffectedFinder(specPath: repository.specPath).find(base: "HEAD").affected
        #expect(affected.stacks.map(\.id) == ["env/prod/us-east-1/observability"])
        let stack = try #require(affected.stacks.first)
        #expect(stack.reasons == [.renderedFiles(["main.tf.json"])])
        #expect(stack.descriptor.account == "prod")
        #expect(stack.deployRole == "plinth-deploy")
        #expect(stack.wave == 1)
    }

    @Test func aChangedModuleAffectsEveryStackThatCallsIt() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.append("platform-modules/observability/main.tf", "\n# a comment changes the module's Terraform\n")
        let affected = try AffectedFinder(specPath: repository.specPath).find(base: "main").affected
        #expect(affected.changedModules == ["observability"])
        #expect(
            Set(affected.stacks.map(\.id)) == [
                "env/dev/us-east-1/observability", "env/prod/us-east-1/observability", "env/staging/us-east-1/observability",
            ])
        #expect(affected.stacks.allSatisfy { $0.reasons == [.module("observability")] })
    }

    @Test func aModuleReadmeOrTestChangesNoStack() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.append("platform-modules/observability/README.md", "\nMore words.\n")
        let affected = try AffectedFinder(specPath: repository.specPath).find(base: "main").affected
        #expect(affected.stacks.isEmpty)
    }

    @Test func aNetworkChangeFlagsTheStacksReadingItsOutputsAsDownstream() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.append("platform-modules/spoke-vpc/main.tf", "\n# changed\n")
        let affected = try AffectedFinder(specPath: repository.specPath).find(base: "main").affected
        let direct = Set(affected.stacks.filter { !$0.downstreamOnly }.map(\.id))
        #expect(direct.contains("env/prod/us-east-1/network"))
        let dns = try #require(affected.stacks.first { $0.id == "env/prod/us-east-1/dns" })
        #expect(dns.downstreamOnly)
        // Every stack comes in a later wave than the affected stacks it reads.
        let wave = Dictionary(uniqueKeysWithValues: affected.stacks.map { ($0.id, $0.wave) })
        for stack in affected.stacks {
            for upstream in stack.descriptor.dependsOn { if let before = wave[upstream] { #expect(before < stack.wave) } }
        }
    }

    /// `plinth affected` compares the renders as values, `plinth diagram` compares text it already
    /// wrote out: both must find the same stacks for the same reasons.
    @Test func comparingValuesFindsWhatComparingTheWrittenTextFinds() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.edit("platform.yaml", replacing: "threshold: 50\n", with: "threshold: 75\n")
        try repository.append("platform-modules/spoke-vpc/main.tf", "\n# changed\n")
        let finder = AffectedFinder(specPath: repository.specPath)
        let spec = try #require(SpecLoader().load(path: repository.specPath.path).spec)
        let fromText = try finder.find(base: "main", head: (spec, try StackRenderer(spec: spec, target: .aws).render())).affected
        let fromValues = try finder.find(base: "main").affected
        #expect(fromValues == fromText)
        #expect(fromValues.stacks.contains { $0.reasons.contains(.renderedFiles(["main.tf.json"])) })
        #expect(fromValues.stacks.contains { $0.reasons.contains(.module("spoke-vpc")) })
        #expect(fromValues.stacks.contains { $0.downstreamOnly })
    }

    @Test func aRevisionThatDoesNotExistIsAClearError() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        #expect {
            try AffectedFinder(specPath: repository.specPath).find(base: "no-such-branch")
        } throws: { error in
            guard case DeliveryError.unknownRevision(let name, _) = error else { return false }
            return name == "no-such-branch" && "\(error)".contains("no-such-branch")
        }
    }

    @Test func theJSONReportCarriesIdsWavesAccountsAndRoles() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.edit("platform.yaml", replacing: "threshold: 50\n", with: "threshold: 75\n")
        let result = try AffectedFinder(specPath: repository.specPath).find(base: "main")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(AffectedReport(result: result).json().utf8)) as? [String: Any])
        let stacks = try #require(json["stacks"] as? [[String: Any]])
        #expect(stacks.first?["id"] as? String == "env/prod/us-east-1/observability")
        #expect(stacks.first?["account"] as? String == "prod")
        #expect(stacks.first?["deployRole"] as? String == "plinth-deploy")
        #expect(json["waves"] as? [[String]] == [["env/prod/us-east-1/observability"]])
    }
}
