import Foundation
import Testing

@testable import PlinthAWS

/// The signer is checked against botocore, an independent SigV4 implementation: both sign the
/// same requests with the same fixed credentials and time, and the Authorization headers must be
/// byte-for-byte equal.
@Suite struct SigV4SignerTests {
    struct Case {
        var service: String
        var region: String
        var credentials: AWSCredentials
        var request: AWSSignableRequest
    }

    /// 2026-11-27T10:30:00Z.
    static let time = Date(timeIntervalSince1970: 1_795_775_400)

    static func cases() -> [Case] {
        let plain = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let session = AWSCredentials(
            accessKeyID: "ASIAEXAMPLE", secretAccessKey: "c2VjcmV0L3dpdGgrc2xhc2g=",
            sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with/slashes=")
        let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        return [
            Case(
                service: "organizations", region: "us-east-1", credentials: plain,
                request: AWSSignableRequest(
                    method: "POST", host: "127.0.0.1:5000", path: "/",
                    headers: [
                        (name: "Content-Type", value: "application/x-amz-json-1.1"),
                        (name: "X-Amz-Target", value: "AWSOrganizationsV20161128.ListRoots"),
                    ],
                    body: Array("{}".utf8))),
            Case(
                service: "ec2", region: "us-west-2", credentials: session,
                request: AWSSignableRequest(
                    method: "POST", host: "ec2.us-west-2.amazonaws.com", path: "/",
                    headers: [
                        (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
                        (name: "X-Custom", value: "  spaced    out value "),
                    ],
                    body: Array("Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a%20b".utf8))),
            Case(
                service: "s3", region: "us-east-1", credentials: plain,
                request: AWSSignableRequest(
                    method: "GET", host: "127.0.0.1:5000", path: "/plinth-state/env:/dev/stack name.tfstate",
                    query: [
                        (name: "prefix", value: "env:/dev/"), (name: "list-type", value: "2"),
                        (name: "continuation-token", value: "a+b/c="),
                    ],
                    headers: [(name: "x-amz-content-sha256", value: emptyHash)])),
            Case(
                service: "dynamodb", region: "eu-central-1", credentials: session,
                request: AWSSignableRequest(
                    method: "POST", host: "dynamodb.eu-central-1.amazonaws.com", path: "/a path/with spaces",
                    query: [(name: "b", value: "2"), (name: "a", value: "1"), (name: "a", value: "0")],
                    headers: [
                        (name: "Content-Type", value: "application/x-amz-json-1.0"),
                        (name: "X-Amz-Target", value: "DynamoDB_20120810.Scan"),
                    ],
                    body: Array(#"{"TableName":"locks ü"}"#.utf8))),
        ]
    }

    @Test func authorizationHeaderEqualsBotocore() throws {
        let cases = Self.cases()
        let expected = try Botocore.sign(
            cases.map { c in
                let query = c.request.query.map { "\(SigV4Signer.uriEncode($0.name))=\(SigV4Signer.uriEncode($0.value))" }
                    .joined(separator: "&")
                var headers: [String: String] = [:]
                for h in c.request.headers { headers[h.name] = h.value }
                return [
                    "service": c.service, "region": c.region,
                    "key": c.credentials.accessKeyID, "secret": c.credentials.secretAccessKey,
                    "token": c.credentials.sessionToken ?? "",
                    "method": c.request.method,
                    "url": "http://\(c.request.host)\(SigV4Signer.encodePath(c.request.path))" + (query.isEmpty ? "" : "?\(query)"),
                    "headers": headers, "body": String(decoding: c.request.body, as: UTF8.self),
                ]
            })
        #expect(expected.count == cases.count)
        for (c, reference) in zip(cases, expected) {
            let signed = SigV4Signer(credentials: c.credentials, region: c.region, service: c.service)
                .sign(c.request, date: Self.time)
            let authorization = signed.first { $0.name == "Authorization" }?.value
            #expect(authorization == reference, "service \(c.service)")
            #expect(signed.contains { $0.name == "X-Amz-Date" && $0.value == "20261127T103000Z" })
            if let token = c.credentials.sessionToken {
                #expect(signed.contains { $0.name == "X-Amz-Security-Token" && $0.value == token })
            }
        }
    }

    @Test func signatureChangesWithEveryInput() {
        let c = Self.cases()[0]
        func auth(_ mutate: (inout Case) -> Void) -> String? {
            var copy = c
            mutate(&copy)
            return SigV4Signer(credentials: copy.credentials, region: copy.region, service: copy.service)
                .sign(copy.request, date: Self.time).first { $0.name == "Authorization" }?.value
        }
        let base = auth { _ in }
        #expect(auth { $0.request.body = Array("{ }".utf8) } != base)
        #expect(auth { $0.region = "us-west-2" } != base)
        #expect(auth { $0.credentials.secretAccessKey += "x" } != base)
        #expect(auth { $0.request.headers[1].value += "x" } != base)
        #expect(auth { _ in } == base)
    }

    @Test func uriEncodingKeepsOnlyUnreservedCharacters() {
        #expect(SigV4Signer.uriEncode("aZ09-_.~") == "aZ09-_.~")
        #expect(SigV4Signer.uriEncode("a b/c+d=ü") == "a%20b%2Fc%2Bd%3D%C3%BC")
        #expect(SigV4Signer.encodePath("/env:/dev/x y") == "/env%3A/dev/x%20y")
    }
}

/// Runs botocore's SigV4 signer (installed with moto) on the same requests at the same time.
enum Botocore {
    static let script = #"""
        import datetime, json, sys
        import botocore.auth as auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        class FixedTime(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return cls(2026, 11, 27, 10, 30, 0)

        class Clock:
            datetime = FixedTime

        auth.datetime = Clock
        out = []
        for c in json.load(sys.stdin):
            creds = Credentials(c["key"], c["secret"], c["token"] or None)
            request = AWSRequest(method=c["method"], url=c["url"], data=c["body"].encode("utf-8"), headers=c["headers"])
            signer = auth.S3SigV4Auth if c["service"] == "s3" else auth.SigV4Auth
            signer(creds, c["service"], c["region"]).add_auth(request)
            out.append(request.headers["Authorization"])
        print(json.dumps(out))
        """#

    static func sign(_ cases: [[String: Any]]) throws -> [String] {
        let input = try JSONSerialization.data(withJSONObject: cases)
        let output = try Python.run(script: script, stdin: input)
        guard let list = try JSONSerialization.jsonObject(with: output) as? [String] else {
            throw PythonError(message: "botocore printed no list: \(String(decoding: output, as: UTF8.self))")
        }
        return list
    }
}

struct PythonError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs a Python script (botocore and boto3 come with moto, which scripts/install-test-deps installs).
enum Python {
    static func run(script: String, stdin: Data = Data(), arguments: [String] = []) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-\(UUID().uuidString).py")
        try Data(script.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", file.path] + arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: "python3 exited \(process.terminationStatus): \(errorText)")
        }
        return data
    }
}
