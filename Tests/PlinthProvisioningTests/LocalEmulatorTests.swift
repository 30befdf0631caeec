import Foundation
import Testing

@testable import PlinthProvisioning

/// `plinth emulator start` and `stop` as a user runs them: twice in a row, on a taken port, and
/// with nothing to stop.
@Suite(.serialized) struct LocalEmulatorTests {
    @Test func aSecondStartReusesTheRunningEmulatorAndStopForgetsIt() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-emulator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ProcessInfo.processInfo.environment

        let first = try await LocalEmulator.startOrReuse(stateDirectory: work, environment: environment, port: 0, tls: false)
        #expect(!first.reused)
        let pid = try #require(first.session.pid)
        // Whatever the expectations below find, the emulator this test started does not outlive it.
        defer { if kill(pid, 0) == 0 { kill(pid, SIGKILL) } }
        let second = try await LocalEmulator.startOrReuse(stateDirectory: work, environment: environment, port: 0, tls: false)
        #expect(second.reused)
        #expect(second.session == first.session)

        let stopped = LocalEmulator.stopRecorded(stateDirectory: work, environment: environment)
        #expect(stopped == first.session)
        #expect(kill(pid, 0) != 0, "the emulator process is still running")
        #expect(LocalEmulator(stateDirectory: work, environment: environment).recordedSession() == nil)
        // Nothing recorded any more: a second stop has nothing to do.
        #expect(LocalEmulator.stopRecorded(stateDirectory: work, environment: environment) == nil)
    }

    @Test func aTakenPortIsRefusedByName() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-emulator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0 && listen(listener, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))

        await #expect(
            throws: ProvisioningError.emulatorDidNotStart(
                detail: "port \(port) is taken; choose another with --port, or 0 for any free port")
        ) {
            _ = try await LocalEmulator.startOrReuse(
                stateDirectory: work, environment: ProcessInfo.processInfo.environment, port: port, tls: false)
        }
    }
}
