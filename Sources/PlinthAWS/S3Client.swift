import Crypto
import Foundation

/// Read-back of S3: buckets and the objects under a prefix (where Terraform keeps its states).
public struct S3Client: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Object: Sendable, Equatable {
        public var key: String
        public var size: Int
    }

    public func listBuckets() async throws -> [String] {
        let root = try await client.restXML(.s3, path: "/")
        return (root.child("Buckets")?.children("Bucket") ?? []).compactMap { $0.string("Name") }
    }

    /// Every object in a bucket (optionally under a prefix), following continuation tokens.
    public func listObjects(bucket: String, prefix: String? = nil) async throws -> [Object] {
        try await paginate { token in
            var query: [(name: String, value: String)] = [(name: "list-type", value: "2")]
            if let prefix { query.append((name: "prefix", value: prefix)) }
            if let token { query.append((name: "continuation-token", value: token)) }
            let root = try await client.restXML(.s3, path: "/\(bucket)", query: query)
            let objects = root.children("Contents").map {
                Object(key: $0.string("Key") ?? "", size: Int($0.string("Size") ?? "") ?? 0)
            }
            let truncated = root.string("IsTruncated") == "true"
            return (objects, truncated ? root.string("NextContinuationToken") : nil)
        }
    }
}

extension S3Client {
    /// Writes one object (small documents such as a JWKS). Content-MD5 goes with it, since a bucket
    /// under Object Lock accepts no write without an integrity header.
    public func putObject(bucket: String, key: String, body: [UInt8], contentType: String) async throws {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        _ = try await client.send(
            .s3, method: "PUT", path: "/\(bucket)/\(key)",
            headers: [(name: "Content-Type", value: contentType), (name: "Content-MD5", value: md5)], body: body)
    }

    /// Reads one object whole.
    public func getObject(bucket: String, key: String) async throws -> [UInt8] {
        try await client.send(.s3, method: "GET", path: "/\(bucket)/\(key)").body
    }
}
