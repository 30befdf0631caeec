import Foundation
import Testing

@testable import LambdaRuntime

@Suite struct LambdaRuntimeLoopTests {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "the handler failed on purpose" }
    }

    func withStandIn(_ invocations: [RuntimeAPIStandIn.Invocation], _ body: (RuntimeAPIStandIn) async throws -> Void) async throws {
        let standIn = RuntimeAPIStandIn(invocations)
        try await standIn.start()
        defer { standIn.stop() }
        try await body(standIn)
    }

    @Test func deliversEventsAndReportsAnswersAndErrorsWithTheirType() async throws {
        let later = Date().addingTimeInterval(60)
        try await withStandIn([
            .init(requestID: "req-1", event: #"{"n":1}"#, deadline: later),
            .init(requestID: "req-2", event: "fail", deadline: later),
            .init(requestID: "req-3", event: #"{"n":3}"#, deadline: later),
        ]) { standIn in
            let seen = SeenContexts()
            try await LambdaRuntimeLoop.run(client: LambdaRuntimeClient(api: standIn.api), invocations: 3) {
                { event, context in
                    await seen.add(context)
                    if event == Array("fail".utf8) { throw Boom() }
                    return Array("echo:".utf8) + event
                }
            }
            let reports = standIn.received
            #expect(reports.map(\.kind) == [.response, .error, .response])
            #expect(reports.map(\.requestID) == ["req-1", "req-2", "req-3"])
            #expect(reports[0].body == #"echo:{"n":1}"#)
            #expect(reports[1].errorTypeHeader == "Boom")
            let failure = try JSONDecoder().decode(LambdaFailure.self, from: Data(reports[1].body.utf8))
            #expect(failure == LambdaFailure(errorType: "Boom", errorMessage: "the handler failed on purpose"))
            let contexts = await seen.all
            #expect(contexts.map(\.requestID) == ["req-1", "req-2", "req-3"])
            #expect(abs(contexts[0].deadline.timeIntervalSince(later)) < 0.002)
            #expect(contexts[0].invokedFunctionARN?.hasSuffix(":function:secret-rotation") == true)
        }
    }

    @Test func reportsAnInitializationFailure() async throws {
        try await withStandIn([]) { standIn in
            await #expect(throws: Boom.self) {
                try await LambdaRuntimeLoop.run(client: LambdaRuntimeClient(api: standIn.api)) { throw Boom() }
            }
            #expect(standIn.received.count == 1)
            #expect(standIn.received.first?.kind == .initError)
            #expect(standIn.received.first?.errorTypeHeader == "Boom")
        }
    }

    @Test func stopsAHandlerAtItsDeadlineAndReportsIt() async throws {
        try await withStandIn([.init(requestID: "slow", event: "{}", deadline: Date().addingTimeInterval(0.3))]) { standIn in
            let started = ContinuousClock.now
            let handler = HandlerOutcome()
            try await LambdaRuntimeLoop.run(client: LambdaRuntimeClient(api: standIn.api), invocations: 1) {
                { _, _ in
                    do { try await Task.sleep(for: .seconds(30)) } catch {
                        await handler.record(error is CancellationError)
                        throw error
                    }
                    return []
                }
            }
            // The handler was cancelled, not left to finish its 30 seconds; how soon after the
            // 0.3-second deadline depends on the machine's load, so only the cut-off is asserted.
            #expect(await handler.cancelled == true)
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(standIn.received.map(\.kind) == [.error])
            #expect(standIn.received.first?.errorTypeHeader == "Runtime.DeadlineExceeded")
        }
    }
}

actor HandlerOutcome {
    var cancelled: Bool?
    func record(_ wasCancelled: Bool) { cancelled = wasCancelled }
}

actor SeenContexts {
    var all: [LambdaContext] = []
    func add(_ context: LambdaContext) { all.append(context) }
}
