import Foundation

/// What `up` or `down` is doing now, for the command to print; library code never prints.
public enum ProvisionEvent: Sendable {
    case note(String)
    case stackStarted(stack: String, action: StackAction, index: Int, total: Int)
    case stackStep(stack: String, step: String)
    case stackFinished(StackOutcome)
}

/// The direction of a run.
public enum StackAction: String, Sendable, Codable {
    case apply, destroy
}

/// What happened to one stack.
public struct StackOutcome: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable {
        case applied, unchanged, destroyed, failed
    }

    public var stack: String
    public var action: StackAction
    public var result: Result
    public var seconds: Double
    public var counts: ChangeCounts
    public var log: String

    public init(stack: String, action: StackAction, result: Result, seconds: Double, counts: ChangeCounts, log: String) {
        self.stack = stack
        self.action = action
        self.result = result
        self.seconds = seconds
        self.counts = counts
        self.log = log
    }
}
