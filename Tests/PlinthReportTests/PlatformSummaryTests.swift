import Foundation
import PlinthLoader
import PlinthReport
import PlinthSpec
import Testing

/// `plinth show` over the repository's platform.yaml: every account, VPC and blocker the spec has
/// appears where a reader looks for it, columns line up, and the JSON says the same as the text.
@Suite struct PlatformSummaryTests {
    static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("platform.yaml").path

    func loadSpec() throws -> PlatformSpec {
        let result = SpecLoader().load(path: Self.specPath)
        #expect(!result.hasErrors, "\(result.errors)")
        return try #require(result.spec)
    }

    @Test func accountTreePlacesEveryAccountUnderItsOU() throws {
        let spec = try loadSpec()
        let lines = PlatformSummary(spec: spec).text().split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "Accounts"))
        let tree = Array(lines[(start + 1)...].prefix { !$0.isEmpty })
        #expect(tree.first?.trimmingCharacters(in: .whitespaces) == "Root")
        func depth(_ line: String) -> Int? {
            guard let mark = line.range(of: "─ ") else { return nil }
            return line.distance(from: line.startIndex, to: mark.lowerBound)
        }
        for account in spec.organization.accounts {
            let row = try #require(
                tree.firstIndex { $0.contains("─ \(account.name)  <\(account.email)>") },
                "account \(account.name) missing from the tree")
            let ou = try #require(account.organizationalUnit)
            // The nearest line above that is one level shallower is the account's OU.
            let accountDepth = try #require(depth(tree[row]))
            let parent = tree[..<row].last { (depth($0) ?? .max) < accountDepth }
            #expect(parent?.hasSuffix("─ \(ou)/") == true, "\(account.name) is drawn under \(parent ?? "nothing"), not \(ou)/")
        }
    }

    @Test func addressPlanListsEveryVPCWithAlignedColumns() throws {
        let spec = try loadSpec()
        let text = PlatformSummary(spec: spec).text()
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("  VPC ") })
        let cidrColumn = try #require(header.range(of: "CIDR")).lowerBound.utf16Offset(in: header)
        for vpc in spec.network.allVPCs {
            let row = try #require(lines.first { $0.hasPrefix("  \(vpc.name) ") }, "\(vpc.name) missing")
            let cidr = try #require(row.range(of: " \(vpc.layout.cidr) ")).lowerBound.utf16Offset(in: row) + 1
            #expect(cidr == cidrColumn, "\(vpc.name): CIDR at column \(cidr), header at \(cidrColumn)")
        }
    }

    @Test func supernetUsageCountsVPCsAndThePreviewPool() throws {
        let spec = try loadSpec()
        let text = PlatformSummary(spec: spec).text()
        for supernet in spec.network.addressPlan.supernets {
            let vpcs = spec.network.allVPCs.filter { $0.region == supernet.region }
            let pool = spec.network.addressPlan.previewPool
            // The spec's validator guarantees these do not overlap, so their sizes add up.
            var used = vpcs.reduce(0) { $0 + (1 << (32 - $1.layout.cidr.length)) }
            if pool.region == supernet.region { used += 1 << (32 - pool.cidr.length) }
            let total = 1 << (32 - supernet.cidr.length)
            let tenths = (used * 1000 + total / 2) / total
            let line = try #require(text.split(separator: "\n").first { $0.contains("supernet \(supernet.cidr):") })
            #expect(line.contains("\(vpcs.count) VPCs"), "\(line)")
            #expect(line.hasSuffix("allocated (\(tenths / 10).\(tenths % 10)%)"), "\(line)")
        }
    }

    @Test func mirroredEnvironmentShowsItsDifferences() throws {
        let spec = try loadSpec()
        let text = PlatformSummary(spec: spec).text()
        for environment in spec.environments {
            guard let mirrored = environment.mirrors else { continue }
            #expect(text.contains("\(environment.name) mirrors \(mirrored); differences"), "no comparison for \(environment.name)")
        }
        for blocker in spec.blockers {
            #expect(text.contains(blocker.id.rawValue), "blocker \(blocker.id) missing")
        }
    }

    @Test func jsonSaysWhatTheTextSays() throws {
        let spec = try loadSpec()
        let json = PlatformSummary(spec: spec).json()
        #expect(json["regions"]?["primary"] == .string(spec.regions.primary.rawValue))
        guard case .array(let vpcs)? = json["vpcs"], case .array(let accounts)? = json["accounts"] else {
            Issue.record("vpcs or accounts missing: \(json.rendered())")
            return
        }
        #expect(vpcs.count == spec.network.allVPCs.count)
        #expect(accounts.count == spec.organization.allAccounts.count)
        let cidrs: [String] = vpcs.compactMap { if case .string(let cidr)? = $0["cidr"] { cidr } else { nil } }
        #expect(Set(cidrs) == Set(spec.network.allVPCs.map(\.layout.cidr.description)))
    }

    @Test func textTableAlignsAndTrims() {
        var table = TextTable(["NAME", "COUNT", "NOTE"], rightAligned: [1])
        table.add(["a", "5", ""])
        table.add(["longer", "120", "x"])
        #expect(
            table.rendered(indent: 1).split(separator: "\n") == [
                " NAME    COUNT  NOTE",
                " a           5",
                " longer    120  x",
            ])
    }
}
