import Foundation

/// What the Runtime API says about one invocation, beside its event.
public struct LambdaContext: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`: names the invocation in the response or error.
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when the platform stops the function.
    public var deadline: Date
    public var invokedFunctionARN: String?
    public var traceID: String?

    public init(requestID: String, deadline: Date, invokedFunctionARN: String? = nil, traceID: String? = nil) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
    }
}

/// An error reported to the Runtime API: its type and message as the console and logs show them.
public struct LambdaFailure: Sendable, Equatable, Codable {
    public var errorType: String
    public var errorMessage: String

    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// The failure for a thrown error: its type name and description.
    public init(_ error: any Error) {
        self.init(errorType: String(describing: type(of: error)), errorMessage: String(describing: error))
    }
}

/// Why the runtime loop itself stopped.
public enum LambdaRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Runtime API answered a call with an unexpected status.
    case unexpectedStatus(path: String, status: Int)
    /// A next-invocation answer without a request id.
    case missingRequestID
    /// The invocation ran past its deadline.
    case deadlineExceeded(requestID: String)

    public var description: String {
        switch self {
        case .unexpectedStatus(let path, let status): return "Runtime API \(path) answered HTTP \(status)"
        case .missingRequestID: return "Runtime API gave an invocation without Lambda-Runtime-Aws-Request-Id"
        case .deadlineExceeded(let requestID): return "invocation \(requestID) ran past its deadline"
        }
    }
}
