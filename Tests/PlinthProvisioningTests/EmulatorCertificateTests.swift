import Foundation
import Testing

@testable import PlinthProvisioning

/// The certificates plinth's client and Terraform trust come from one list.
@Suite struct EmulatorCertificateTests {
    @Test func terraformAndPlinthTrustTheSameCertificatesEachOnce() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-trust-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let own = work.appendingPathComponent("tls/emulator-cert.pem"), given = work.appendingPathComponent("given.pem")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("OWN\n".utf8).write(to: own)
        try Data("GIVEN\n".utf8).write(to: given)
        let certificate = EmulatorCertificate(stateDirectory: work, environment: ["AWS_CA_BUNDLE": given.path])
        // What plinth's client trusts before an emulator is known: its own certificate and the caller's bundle.
        #expect(certificate.trusted() == [own.path, given.path])
        // A session that reports plinth's certificate adds nothing; one with its own goes first; missing files are left out.
        let started = EmulatorSession(endpoint: "https://127.0.0.1:1", pid: 1, caBundle: own.path)
        #expect(certificate.trusted(for: started) == [own.path, given.path])
        let external = EmulatorSession(endpoint: "https://127.0.0.1:1", pid: nil, caBundle: given.path)
        #expect(certificate.trusted(for: external) == [given.path, own.path])
        let gone = EmulatorSession(endpoint: "https://127.0.0.1:1", pid: nil, caBundle: work.appendingPathComponent("gone.pem").path)
        #expect(certificate.trusted(for: gone) == [own.path, given.path])
        // Terraform gets them as one file (AWS_CA_BUNDLE takes one).
        let bundle = try certificate.writeBundle(for: external)
        #expect(try String(contentsOf: bundle, encoding: .utf8) == "GIVEN\n\nOWN\n")
    }
}
