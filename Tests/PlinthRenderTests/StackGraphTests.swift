import PlinthRender
import Testing

@Suite("plinth render: stack graph")
struct StackGraphTests {
    @Test func renderedGraphIsAcyclicAndComplete() throws {
        let rendered = try RenderFixture.render()
        let ids = Set(rendered.stacks.map(\.id))
        #expect(ids.count == rendered.stacks.count)
        for stack in rendered.stacks {
            #expect(stack.dependsOn.allSatisfy(ids.contains), "\(stack.id) depends on a stack that is not rendered")
            #expect(!stack.dependsOn.contains(stack.id))
        }
        // Every AWS stack but the bootstrap one follows the state backend, directly or not.
        var reaches: [String: Set<String>] = [:]
        for stack in rendered.stacks {
            reaches[stack.id] = stack.dependsOn.reduce(into: Set(stack.dependsOn)) { $0.formUnion(reaches[$1] ?? []) }
        }
        for stack in rendered.stacks where stack.provider == "aws" && !stack.bootstrap {
            #expect(reaches[stack.id]?.contains("shared-services/us-east-1/state-backend") == true, "\(stack.id)")
        }
    }

    @Test func spokesFollowTheirHubAndWorkloadsTheirNetworkAndSecrets() throws {
        let rendered = try RenderFixture.render()
        let position = Dictionary(uniqueKeysWithValues: rendered.stacks.enumerated().map { ($1.id, $0) })
        func before(_ a: String, _ b: String) -> Bool { (position[a] ?? .max) < (position[b] ?? -1) }
        #expect(before("org/organization", "shared-services/us-east-1/network-hub"))
        #expect(before("shared-services/us-east-1/network-hub", "env/prod/us-east-1/network"))
        #expect(before("shared-services/us-west-2/network-hub", "env/prod/us-west-2/network"))
        #expect(before("env/prod/us-east-1/network", "env/prod/us-east-1/workload"))
        #expect(before("env/prod/us-east-1/secrets", "env/prod/us-east-1/workload"))
        #expect(before("env/prod/us-east-1/dns", "env/prod/global/edge"))
    }
}
