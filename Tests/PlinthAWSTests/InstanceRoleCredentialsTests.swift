import Foundation
import Hummingbird
import PlinthAuthTesting
import PlinthProvisioning
import Synchronization
import Testing

@testable import PlinthAWS

/// The instance role's credentials through a local stand-in of the EC2 metadata service (IMDSv2).
@Suite struct InstanceRoleCredentialsTests {
    /// Serves IMDSv2: a token by PUT, and the role and its credentials only to requests bearing it.
    final class MetadataStandIn: Sendable {
        let expiration: Date
        private let requests = Atomic<Int>(0)
        private let server = Mutex<(port: Int, task: Task<Void, any Error>?)>((0, nil))
        var endpoint: String { "http://127.0.0.1:\(server.withLock { $0.port })" }
        var requestCount: Int { requests.load(ordering: .relaxed) }

        init(expiration: Date) { self.expiration = expiration }

        func start() async throws {
            let router = Router()
            router.put("latest/api/token") { request, _ -> String in
                self.requests.add(1, ordering: .relaxed)
                guard request.headers[.init("X-aws-ec2-metadata-token-ttl-seconds")!] != nil else {
                    throw HTTPError(.badRequest)
                }
                return "session-token"
            }
            let authorized = { @Sendable (request: Request) throws in
                self.requests.add(1, ordering: .relaxed)
                guard request.headers[.init("X-aws-ec2-metadata-token")!] == "session-token" else {
                    throw HTTPError(.unauthorized)
                }
            }
            router.get("latest/meta-data/iam/security-credentials") { request, _ -> String in
                try authorized(request)
                return "policy-service-role\n"
            }
            router.get("latest/meta-data/iam/security-credentials/policy-service-role") { request, _ -> String in
                try authorized(request)
                let formatter = ISO8601DateFormatter()
                return """
                    {"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"example-secret",\
                    "Token":"example-session","Expiration":"\(formatter.string(from: self.expiration))"}
                    """
            }
            let (port, task) = await LoopbackServer.start(router, label: "imds-stand-in")
            server.withLock { $0 = (port, task) }
        }

        func stop() { server.withLock { $0.task?.cancel() } }
    }

    @Test func readsTheRoleCredentialsWithASessionTokenAndRenewsThemBeforeTheyExpire() async throws {
        let now = Date()
        let metadata = MetadataStandIn(expiration: now.addingTimeInterval(3600))
        try await metadata.start()
        defer { metadata.stop() }
        // A generous timeout: the test shares a loaded machine; the metadata service answers in milliseconds.
        let role = InstanceRoleCredentials(endpoint: metadata.endpoint + "/", timeout: .seconds(30))

        let credentials = try await role.current(now: now)
        #expect(
            credentials == AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "example-secret", sessionToken: "example-session"))
        #expect(metadata.requestCount == 3)
        // Cached while more than five minutes remain...
        _ = try await role.current(now: now.addingTimeInterval(3000))
        #expect(metadata.requestCount == 3)
        // ...and read again after that.
        _ = try await role.current(now: now.addingTimeInterval(3400))
        #expect(metadata.requestCount == 6)
    }

    @Test func aMissingMetadataServiceIsATransportError() async throws {
        let role = InstanceRoleCredentials(endpoint: "http://127.0.0.1:\(try LoopbackSocket.freePort())")
        await #expect(throws: AWSError.self) { _ = try await role.current() }
    }
}
