import Foundation
import PlinthRender
import Testing

@testable import PlinthProvisioning

@Suite struct StackScheduleTests {
    func stack(_ id: String, _ deps: [String] = []) -> TerraformStack {
        TerraformStack(id: id, directory: URL(fileURLWithPath: "/tmp/\(id)"), dependsOn: deps)
    }

    var platform: [TerraformStack] {
        [
            stack("state"), stack("org", ["state"]), stack("hub", ["org"]), stack("oidc", ["org"]),
            stack("spoke-a", ["hub", "oidc"]), stack("spoke-b", ["hub"]),
        ]
    }

    @Test func upStartsIndependentStacksTogetherOnlyOnceTheirDependenciesFinished() throws {
        var schedule = StackSchedule(graph: try StackGraph(platform), action: .apply)
        #expect(schedule.startReady(limit: 4).map(\.id) == ["state"])
        #expect(schedule.startReady(limit: 4).isEmpty)
        schedule.finish("state")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["hub", "oidc"])
        schedule.finish("hub")
        // spoke-a still waits for oidc; spoke-b only needed the hub.
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-b"])
        schedule.finish("oidc")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-a"])
        schedule.finish("spoke-a")
        schedule.finish("spoke-b")
        #expect(schedule.isComplete)
    }

    @Test func theLimitCapsHowManyRunAtOnce() throws {
        let wide = [stack("root")] + (1...5).map { stack("leaf\($0)", ["root"]) }
        var schedule = StackSchedule(graph: try StackGraph(wide), action: .apply)
        _ = schedule.startReady(limit: 2)
        schedule.finish("root")
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf1", "leaf2"])
        #expect(schedule.running == 2)
        #expect(schedule.startReady(limit: 2).isEmpty)
        schedule.finish("leaf2")
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf3"])
        #expect(schedule.startReady(limit: 0).isEmpty)
    }

    @Test func theStackWithTheLongestChainBehindItGetsTheFreeSlot() throws {
        // After state: a leaf that nothing waits for, and org, which three stacks wait behind.
        let stacks = [
            stack("state"), stack("leaf", ["state"]), stack("org", ["state"]), stack("hub", ["org"]),
            stack("spoke", ["hub"]),
        ]
        var schedule = StackSchedule(graph: try StackGraph(stacks), action: .apply)
        _ = schedule.startReady(limit: 1)
        schedule.finish("state")
        #expect(schedule.startReady(limit: 1).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 1).map(\.id) == ["hub"])
        schedule.finish("hub")
        // Equal height: the given order decides.
        #expect(schedule.startReady(limit: 2).map(\.id) == ["leaf", "spoke"])
    }

    @Test func downWaitsForEveryDependantBeforeDestroyingAStack() throws {
        var schedule = StackSchedule(graph: try StackGraph(platform), action: .destroy)
        #expect(schedule.startReady(limit: 4).map(\.id) == ["spoke-b", "spoke-a"])
        schedule.finish("spoke-a")
        // oidc is free once spoke-a is gone; the hub still carries spoke-b.
        #expect(schedule.startReady(limit: 4).map(\.id) == ["oidc"])
        schedule.finish("spoke-b")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["hub"])
        schedule.finish("oidc")
        schedule.finish("hub")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["org"])
        schedule.finish("org")
        #expect(schedule.startReady(limit: 4).map(\.id) == ["state"])
    }
}
