import Foundation

/// The runtime loop of a `provided.al2023` function: initialise once, then fetch an event, run
/// the handler, report its answer or error, forever.
///
/// A handler still running at the invocation's deadline is cancelled and reported as
/// `Runtime.DeadlineExceeded`, so the failure is recorded before the platform stops the process.
public enum LambdaRuntimeLoop {
    public typealias Handler = @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]

    /// Runs the loop against `client`. An initialisation error is reported to the init error
    /// endpoint and rethrown; `invocations` bounds the loop (nil: until cancelled).
    public static func run(
        client: LambdaRuntimeClient, invocations: Int? = nil, initialize: () async throws -> Handler
    ) async throws {
        let handler: Handler
        do {
            handler = try await initialize()
        } catch {
            try await client.failInitialization(LambdaFailure(error))
            throw error
        }
        var handled = 0
        while invocations.map({ handled < $0 }) ?? true {
            try Task.checkCancellation()
            let (event, context) = try await client.next()
            do {
                let answer = try await withDeadline(context) { try await handler(event, context) }
                try await client.respond(requestID: context.requestID, body: answer)
            } catch let error as LambdaRuntimeError where error == .deadlineExceeded(requestID: context.requestID) {
                try await client.fail(
                    requestID: context.requestID, LambdaFailure(errorType: "Runtime.DeadlineExceeded", errorMessage: error.description))
            } catch {
                try await client.fail(requestID: context.requestID, LambdaFailure(error))
            }
            handled += 1
        }
    }

    /// Runs `body`, or throws `deadlineExceeded` (cancelling `body`) when the deadline comes first.
    static func withDeadline(_ context: LambdaContext, _ body: @escaping @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        let remaining = context.deadline.timeIntervalSinceNow
        guard remaining.isFinite, remaining < 86_400 else { return try await body() }
        return try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(max(0, Int(remaining * 1000))))
                throw LambdaRuntimeError.deadlineExceeded(requestID: context.requestID)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw LambdaRuntimeError.deadlineExceeded(requestID: context.requestID) }
            return first
        }
    }
}
