import Foundation
import PlinthAWS

/// Where the JWKS lives: an S3 object that the issuer's JWKS URL serves (through CloudFront in AWS).
/// Verifiers fetch that URL and refetch on an unknown `kid`, so a key is usable once written here.
public struct JWKSPublication: Sendable {
    public var bucket: String
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Reads `s3://bucket/key`.
    public init?(url: String) {
        guard url.hasPrefix("s3://") else { return nil }
        let rest = url.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex else {
            return nil
        }
        self.init(bucket: String(rest[..<slash]), key: String(rest[rest.index(after: slash)...]))
    }

    func publish(_ keys: [[String: String]], with s3: S3Client) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys])
        try await s3.putObject(bucket: bucket, key: key, body: Array(body), contentType: "application/json")
    }

    func published(with s3: S3Client) async throws -> [[String: String]] {
        let data = Data(try await s3.getObject(bucket: bucket, key: key))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["keys"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
    }
}
