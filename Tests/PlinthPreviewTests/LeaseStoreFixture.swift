import Foundation
import PlinthAWS
import PlinthAddressing
import PlinthPreview
import PlinthProvisioning

/// A moto server of the test's own on a free port (DynamoDB is all the lease store uses), and lease
/// tables in it; stopped by PID when the test ends.
struct LeaseStoreFixture {
    var session: EmulatorSession
    var controller: LocalEmulator
    var endpoint: String { session.endpoint }

    static func start() async throws -> LeaseStoreFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-leases-\(UUID().uuidString)")
        let controller = LocalEmulator(stateDirectory: directory, environment: ProcessInfo.processInfo.environment)
        let session = try await controller.start(port: try LoopbackSocket.freePort(), tls: false)
        return LeaseStoreFixture(session: session, controller: controller)
    }

    var dynamoDB: DynamoDBClient {
        DynamoDBClient(
            client: AWSClient(
                endpoint: AWSEndpoint.emulator(url: endpoint) ?? .aws, region: "us-east-1", credentials: LocalEmulator.credentials))
    }

    /// A fresh table and a store over it.
    func store(pool: String, prefixLength: Int, maxConcurrent: Int) async throws -> PreviewLeaseStore {
        let table = "leases-\(UUID().uuidString.prefix(8).lowercased())"
        try await dynamoDB.createTable(name: table, hashKey: PreviewLeaseStore.keyAttribute)
        guard let pool = PreviewAddressPool(pool: try IPv4Prefix(parsing: pool), prefixLength: prefixLength) else {
            throw PreviewError.store(detail: "bad test pool")
        }
        return PreviewLeaseStore(dynamoDB: dynamoDB, table: table, pool: pool, maxConcurrent: maxConcurrent)
    }

    func stop() {
        controller.stop(session)
        try? FileManager.default.removeItem(at: controller.stateDirectory)
    }
}
