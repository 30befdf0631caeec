import Foundation

/// A program plinth needs but does not install itself, with the versions that work and where a
/// person gets it, so that its absence is one message that says what to do rather than a failure
/// further on. (What plinth can install from a package index it installs: `PythonToolEnvironment`.)
public struct RequiredTool: Sendable, Equatable {
    /// The name as it appears on PATH.
    public var name: String
    /// The versions that work, in words.
    public var versions: String
    /// The oldest version that works, as numbers (`[1, 9]`); nil when any does.
    public var minimum: [Int]?
    /// Where to get it.
    public var howToGet: String

    public init(name: String, versions: String, minimum: [Int]?, howToGet: String) {
        self.name = name
        self.versions = versions
        self.minimum = minimum
        self.howToGet = howToGet
    }

    /// The modules' `required_version` is `>= 1.9`.
    public static let terraform = RequiredTool(
        name: "terraform", versions: "Terraform 1.9 or later", minimum: [1, 9],
        howToGet: "install it from https://developer.hashicorp.com/terraform/install (one binary; put it on PATH)")
    /// moto 5.2.1 requires Python 3.10 or later; its environment is made with the venv module.
    public static let python = RequiredTool(
        name: "python3", versions: "Python 3.10 or later with its venv module", minimum: [3, 10],
        howToGet: "install it with the system's package manager (Debian/Ubuntu: apt-get install python3 python3-venv) "
            + "or from https://www.python.org/downloads/")
    /// The emulator's certificate is made with it.
    public static let openssl = RequiredTool(
        name: "openssl", versions: "OpenSSL 1.1.1 or later", minimum: nil,
        howToGet: "install it with the system's package manager (Debian/Ubuntu: apt-get install openssl)")

    /// Whether `version` ("1.11.4", "3.11.7") is at least `minimum`.
    public func accepts(version: String) -> Bool {
        guard let minimum else { return true }
        let parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        for (index, needed) in minimum.enumerated() {
            let have = index < parts.count ? parts[index] : 0
            if have != needed { return have > needed }
        }
        return true
    }
}
