import Foundation

/// The certificate plinth generates for the emulator it starts, and the one list of certificates
/// that plinth's own client and Terraform trust.
///
/// A started emulator serves HTTPS, as AWS does, so Terraform, boto3 and plinth's client take the
/// same TLS path and certificate trust against it as against AWS. (The state bucket's TLS-only
/// policy stays switched off locally all the same: moto 5.2 ignores policy conditions and reads
/// that deny as deny-all; see docs/adr/0004.) The certificate is made for 127.0.0.1 on first use
/// and kept.
public struct EmulatorCertificate: Sendable {
    /// The directory the emulator keeps its state in (`.plinth/local`).
    public var stateDirectory: URL
    public var environment: [String: String]

    public init(stateDirectory: URL, environment: [String: String]) {
        self.stateDirectory = stateDirectory
        self.environment = environment
    }

    /// The certificate's PEM file (created by `ensure`).
    public var file: URL { stateDirectory.appendingPathComponent("tls/emulator-cert.pem") }
    var key: URL { stateDirectory.appendingPathComponent("tls/emulator-key.pem") }
    /// The single file Terraform is given (`AWS_CA_BUNDLE` takes one file).
    var bundleFile: URL { stateDirectory.appendingPathComponent("tls/ca-bundle.pem") }

    /// Creates a self-signed certificate for 127.0.0.1 (valid 30 days) unless one is there.
    public func ensure() async throws -> URL {
        let fm = FileManager.default
        if fm.fileExists(atPath: file.path), fm.fileExists(atPath: key.path) { return file }
        guard let openssl = TerraformEnvironment.findExecutable("openssl", path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw ProvisioningError.toolMissing(.openssl, problem: nil)
        }
        try? fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try await ProcessRunner().run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.path, "-out", file.path,
            ], directory: stateDirectory, environment: environment, log: nil)
        guard result.succeeded else {
            throw ProvisioningError.emulatorDidNotStart(detail: "cannot create its TLS certificate: \(result.output)")
        }
        return file
    }

    /// The PEM files to trust, each once and only when it exists: the certificate `session`
    /// reports, plinth's generated certificate, and the caller's `AWS_CA_BUNDLE` (an emulator given
    /// with `--endpoint` may use its own certificate).
    func trusted(for session: EmulatorSession? = nil) -> [String] {
        [session?.caBundle, file.path, environment["AWS_CA_BUNDLE"]]
            .compactMap { $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Writes `trusted(for:)` into one PEM file for Terraform and returns it.
    func writeBundle(for session: EmulatorSession) throws -> URL {
        let text = trusted(for: session).compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        do {
            try FileManager.default.createDirectory(at: bundleFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: bundleFile, options: .atomic)
        } catch {
            throw ProvisioningError.cannotRun(program: "terraform", detail: "cannot write \(bundleFile.path): \(error)")
        }
        return bundleFile
    }
}
