import Foundation
import Logging

/// A log handler that writes one JSON object per line to a sink the executable provides.
///
/// Metadata named like a credential (`authorization`, `token`, `password`) is dropped, so a careless
/// log call cannot leak a bearer token.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: @Sendable (String) -> Void

    public init(label: String, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static let secretKeys: Set<String> = ["authorization", "token", "access_token", "password", "secret"]

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": Date().timeIntervalSince1970, "level": event.level.rawValue, "logger": label, "message": "\(event.message)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged where !Self.secretKeys.contains(key.lowercased()) {
            object[key == "hb.request.id" ? "request_id" : key] = Self.plain(value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        sink(String(decoding: data, as: UTF8.self))
    }

    static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }
}
