/// A failed AWS call: either the service answered with an error code, or the answer could not be
/// read, or the request never got an answer. Callers match on the service's code (for example
/// `ResourceNotFoundException`) instead of parsing messages.
public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service rejected the call with its own error code and message.
    case service(service: String, code: String, message: String, status: Int)
    /// The service answered, but not in the shape its protocol promises.
    case malformedResponse(service: String, detail: String)
    /// No answer: connection refused, timeout, or a request that could not be built.
    case transport(service: String, detail: String)

    /// The service's error code, when the service sent one.
    public var code: String? {
        if case .service(_, let code, _, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .service(let service, let code, let message, let status):
            return "\(service): \(code) (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .malformedResponse(let service, let detail):
            return "\(service): unreadable response: \(detail)"
        case .transport(let service, let detail):
            return "\(service): request failed: \(detail)"
        }
    }
}
