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

    struct Node: StackGraphNode, Sendable {
        var id: String
        var dependsOn: [String]
        init(_ id: String, _ dependsOn: [String] = []) { (self.id, self.dependsOn) = (id, dependsOn) }
    }

    @Test func dependenciesComeFirstAndTiesKeepTheGivenOrder() throws {
        let graph = try StackGraph([
            Node("spoke-b", ["hub"]), Node("hub", ["org", "state"]), Node("org", ["state"]), Node("state"), Node("spoke-a", ["hub"]),
        ])
        #expect(graph.applyOrder.map(\.id) == ["state", "org", "hub", "spoke-b", "spoke-a"])
        // The same stacks in another order: only the ties change.
        let other = try StackGraph([
            Node("state"), Node("spoke-a", ["hub"]), Node("org", ["state"]), Node("hub", ["org", "state"]),
            Node("spoke-b", ["hub"]),
        ])
        #expect(other.applyOrder.map(\.id) == ["state", "org", "hub", "spoke-a", "spoke-b"])
    }

    @Test func aStackReleasedLaterStillGoesBeforeAReadyStackGivenAfterIt() throws {
        // b is ready only after a, yet comes before c, which was ready from the start but is given last.
        let graph = try StackGraph([Node("a"), Node("b", ["a"]), Node("c")])
        #expect(graph.applyOrder.map(\.id) == ["a", "b", "c"])
    }

    @Test func edgesAndClosureFollowDependsOn() throws {
        let graph = try StackGraph([
            Node("state"), Node("org", ["state"]), Node("hub", ["org"]), Node("oidc", ["org"]),
            Node("spoke", ["hub", "oidc", "hub"]),
        ])
        #expect(graph.dependencies(of: "spoke") == ["hub", "oidc", "hub"])
        #expect(graph.dependents(of: "org") == ["hub", "oidc"])
        #expect(graph.dependents(of: "hub") == ["spoke"])
        #expect(graph.dependents(of: "spoke").isEmpty)
        #expect(graph.closure(of: ["hub"]) == ["hub", "org", "state"])
        #expect(graph.closure(of: ["spoke", "ghost"]) == ["spoke", "hub", "oidc", "org", "state"])
        #expect(graph.closure(of: []).isEmpty)
    }

    @Test func duplicatesUnknownDependenciesAndCyclesAreRejectedByName() {
        #expect(throws: StackGraphError.cycle(["a", "b", "a"])) {
            try StackGraph([Node("a", ["b"]), Node("b", ["a"]), Node("c")])
        }
        #expect(throws: StackGraphError.cycle(["b", "c", "b"])) {
            try StackGraph([Node("a", ["b"]), Node("b", ["c"]), Node("c", ["b"])])
        }
        #expect(throws: StackGraphError.cycle(["a", "a"])) { try StackGraph([Node("a", ["a"])]) }
        #expect(throws: StackGraphError.unknownDependency(stack: "a", dependency: "ghost")) {
            try StackGraph([Node("a", ["ghost"])])
        }
        #expect(throws: StackGraphError.duplicate("a")) { try StackGraph([Node("a"), Node("a")]) }
        #expect(StackGraphError.cycle(["a", "b", "a"]).description == "dependency cycle: a -> b -> a")
    }
}
