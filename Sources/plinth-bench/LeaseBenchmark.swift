import ArgumentParser
import Foundation
import PlinthAWS
import PlinthAddressing
import PlinthPreview
import PlinthProvisioning
import Synchronization

/// Times preview lease acquisition against moto's DynamoDB on 127.0.0.1 (a server of its own):
/// each request is the full `acquire` (branch lookup, holder scan, one transaction).
struct LeaseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease",
        abstract: "Acquire preview leases one after another against moto's DynamoDB; prints median and p99.")

    @Option(help: "Lease requests (each a new branch).") var requests = 200

    func run() throws {
        let outcome = Mutex<Result<[Double], any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let requests = self.requests
        Task {
            let result: Result<[Double], any Error>
            do { result = .success(try await Self.measure(requests: requests)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else { throw ValidationError("no result") }
        let samples = try result.get().sorted()
        guard !samples.isEmpty else { throw ValidationError("no samples") }
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int((Double(samples.count) * p).rounded(.up)) - 1)] }
        print("preview lease acquisition, \(samples.count) requests, one after another, moto DynamoDB on 127.0.0.1")
        print(String(format: "  median %.1f ms, p99 %.1f ms, max %.1f ms", percentile(0.5), percentile(0.99), samples.last ?? 0))
    }

    static func measure(requests: Int) async throws -> [Double] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-bench-leases-\(UUID().uuidString)")
        let controller = LocalEmulator(stateDirectory: directory, environment: ProcessInfo.processInfo.environment)
        let session = try await controller.start(port: try LoopbackSocket.freePort(), tls: false)
        defer {
            controller.stop(session)
            try? FileManager.default.removeItem(at: directory)
        }
        let dynamoDB = DynamoDBClient(
            client: AWSClient(
                endpoint: AWSEndpoint.emulator(url: session.endpoint) ?? .aws, region: "us-east-1", credentials: LocalEmulator.credentials))
        try await dynamoDB.createTable(name: "bench-leases", hashKey: PreviewLeaseStore.keyAttribute)
        guard let pool = PreviewAddressPool(pool: try IPv4Prefix(parsing: "10.28.0.0/14"), prefixLength: 22) else {
            throw ValidationError("bad pool")
        }
        let store = PreviewLeaseStore(dynamoDB: dynamoDB, table: "bench-leases", pool: pool, maxConcurrent: pool.capacity)
        let clock = ContinuousClock()
        var samples: [Double] = []
        for n in 0..<min(requests, pool.capacity) {
            let request = PreviewLeaseRequest(branch: "bench/\(n)", requester: "plinth-bench", ttl: 3600)
            let elapsed = try await clock.measure { _ = try await store.acquire(request, now: Date()) }
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return samples
    }
}
