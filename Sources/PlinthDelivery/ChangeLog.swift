import Foundation
import PlinthAWS

/// Where change records are kept, as objects: S3 in the platform (`S3ChangeLogStore`), a
/// dictionary in tests.
public protocol ChangeLogStore: Sendable {
    func put(key: String, data: Data) async throws
    func keys(prefix: String) async throws -> [String]
    func get(key: String) async throws -> Data
}

/// The change-management log: appends one object per record under
/// `<prefix>/<yyyy-mm-dd>/<change id>/<stack>.json` (never overwriting: the bucket's Object Lock
/// keeps every version anyway) and reads them back, filtered by day and stack. The day in the key
/// lets `--since` skip older records without reading them.
public struct ChangeLog: Sendable {
    public var store: any ChangeLogStore
    public var prefix: String

    public init(store: any ChangeLogStore, prefix: String = "changes") {
        self.store = store
        self.prefix = prefix
    }

    public func key(for record: ChangeRecord) -> String {
        "\(prefix)/\(Self.day(record.started))/\(record.changeID)/\(PlanManifest.directoryName(record.stack)).json"
    }

    public func append(_ record: ChangeRecord) async throws {
        let data: Data
        do { data = try record.encoded() } catch { throw ChangeLogError.unwritable(stack: record.stack, detail: "\(error)") }
        do { try await store.put(key: key(for: record), data: data) } catch {
            throw ChangeLogError.unwritable(stack: record.stack, detail: "\(error)")
        }
    }

    /// Records started on or after `since` (any time when nil), of `stacks` (all when empty),
    /// oldest first.
    public func records(since: Date? = nil, stacks: [String] = []) async throws -> [ChangeRecord] {
        let keys: [String]
        do { keys = try await store.keys(prefix: prefix + "/") } catch {
            throw ChangeLogError.unreadable(key: prefix + "/", detail: "\(error)")
        }
        let firstDay = since.map(Self.day)
        let wantedFiles = Set(stacks.map { PlanManifest.directoryName($0) + ".json" })
        var result: [ChangeRecord] = []
        for key in keys.sorted() {
            let parts = key.dropFirst(prefix.count + 1).split(separator: "/")
            guard parts.count == 3 else { continue }
            if let firstDay, String(parts[0]) < firstDay { continue }
            if !wantedFiles.isEmpty, !wantedFiles.contains(String(parts[2])) { continue }
            let record: ChangeRecord
            do { record = try ChangeRecord.decode(try await store.get(key: key)) } catch {
                throw ChangeLogError.unreadable(key: key, detail: "\(error)")
            }
            if let since, record.started < since { continue }
            result.append(record)
        }
        return result.sorted { ($0.started, $0.stack) < ($1.started, $1.stack) }
    }

    static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withFullDate]))
    }

    /// `20261207T134501Z`, for generated change ids.
    static func compactTime(_ date: Date) -> String {
        ISO8601DateFormatter.string(
            from: date, timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
    }
}

public enum ChangeLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log cannot be reached before anything is applied.
    case unavailable(bucket: String, detail: String)
    /// A record could not be written (the stack's apply has already happened or failed).
    case unwritable(stack: String, detail: String)
    case unreadable(key: String, detail: String)

    public var description: String {
        switch self {
        case .unavailable(let bucket, let detail):
            return
                "the change log bucket \(bucket) cannot be reached (\(detail)); nothing was applied. It is created by the log archive's audit-logs stack (platform.yaml pipelines.changeLog)"
        case .unwritable(let stack, let detail):
            return "the change record of \(stack) could not be written (\(detail)); nothing after it was applied"
        case .unreadable(let key, let detail): return "the change record \(key) cannot be read: \(detail)"
        }
    }
}

/// The change log in an S3 bucket (the `change-log-bucket` module's).
public struct S3ChangeLogStore: ChangeLogStore {
    public var s3: S3Client
    public var bucket: String

    public init(s3: S3Client, bucket: String) {
        self.s3 = s3
        self.bucket = bucket
    }

    public func put(key: String, data: Data) async throws {
        try await s3.putObject(bucket: bucket, key: key, body: Array(data), contentType: "application/json")
    }

    public func keys(prefix: String) async throws -> [String] { try await s3.listObjects(bucket: bucket, prefix: prefix).map(\.key) }

    public func get(key: String) async throws -> Data { Data(try await s3.getObject(bucket: bucket, key: key)) }

    /// Fails with `unavailable` unless the bucket answers a listing: checked before the first apply.
    public func check() async throws {
        do { _ = try await s3.listObjects(bucket: bucket, prefix: "plinth-preflight/") } catch {
            throw ChangeLogError.unavailable(bucket: bucket, detail: "\(error)")
        }
    }
}
