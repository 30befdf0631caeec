import Foundation

/// Where Terraform gets its providers offline, found the way `scripts/lib/terraform-env.sh` finds
/// it: `PLINTH_TF_MIRROR`, then the usual mirror folders, then a search for the AWS provider binary.
/// Writes the CLI config that points Terraform at the mirror and builds the child environment.
public struct TerraformEnvironment: Sendable {
    /// The terraform executable.
    public var terraform: URL
    /// The generated CLI configuration (empty when there is no mirror: the registry is used).
    public var cliConfig: URL
    /// The mirror root, nil when none was found.
    public var mirror: URL?

    /// Finds Terraform on `PATH` (refusing one older than `RequiredTool.terraform` allows), finds
    /// the mirror, and writes `cli.tfrc` under `stateDirectory`.
    public static func discover(
        environment: [String: String], stateDirectory: URL, searchRoots: [String] = ["/opt", "/usr", "/root"]
    ) throws -> TerraformEnvironment {
        guard let terraform = findExecutable("terraform", path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") else {
            throw ProvisioningError.toolMissing(.terraform, problem: nil)
        }
        if let version = version(of: terraform, environment: environment), !RequiredTool.terraform.accepts(version: version) {
            throw ProvisioningError.toolMissing(.terraform, problem: "terraform \(version) at \(terraform.path) is too old")
        }
        let mirror = findMirror(environment: environment, searchRoots: searchRoots)
        let config = stateDirectory.appendingPathComponent("cli.tfrc")
        do {
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            try Data(cliConfigText(mirror: mirror).utf8).write(to: config, options: .atomic)
        } catch {
            throw ProvisioningError.cannotRun(program: "terraform", detail: "cannot write \(config.path): \(error)")
        }
        return TerraformEnvironment(terraform: terraform, cliConfig: config, mirror: mirror)
    }

    /// The version `terraform version -json` reports; nil when it does not say (the run then
    /// goes on, and Terraform's own `required_version` check speaks if it is too old).
    static func version(of terraform: URL, environment: [String: String]) -> String? {
        struct Answer: Decodable { var terraform_version: String }
        var quiet = environment
        quiet["CHECKPOINT_DISABLE"] = "1"
        guard let output = ProcessRunner.answer(of: terraform, ["version", "-json"], environment: quiet) else { return nil }
        return try? JSONDecoder().decode(Answer.self, from: Data(output.utf8)).terraform_version
    }

    /// The environment Terraform runs with: the caller's, plus the CLI config and automation flags.
    public func processEnvironment(base: [String: String], extra: [String: String] = [:]) -> [String: String] {
        var env = base
        env["TF_CLI_CONFIG_FILE"] = cliConfig.path
        env["TF_IN_AUTOMATION"] = "1"
        env["TF_INPUT"] = "0"
        env["CHECKPOINT_DISABLE"] = "1"
        // The AWS provider builds a large schema each time it starts; a lazier Go garbage
        // collector cuts that start-up CPU by about a third for some 150 MB more per process.
        if env["GOGC"] == nil { env["GOGC"] = "400" }
        // Stacks are initialised side by side, and Terraform's plugin cache is not safe for
        // concurrent use; providers are linked from the mirror (or fetched per stack) instead.
        env["TF_PLUGIN_CACHE_DIR"] = nil
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// The mirror root holding `registry.terraform.io/hashicorp/aws`, or nil.
    static func findMirror(environment: [String: String], searchRoots: [String], usualPlaces: [String]? = nil) -> URL? {
        let home = environment["HOME"] ?? "/root"
        let usual =
            usualPlaces ?? [
                "/opt/tf-plugins", "/usr/share/terraform/plugins",
                "\(home)/.terraform.d/plugins", "/usr/local/share/terraform/plugins",
            ]
        let candidates = [environment["PLINTH_TF_MIRROR"] ?? ""] + usual
        let fm = FileManager.default
        for candidate in candidates where !candidate.isEmpty {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate + "/registry.terraform.io/hashicorp/aws", isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return URL(fileURLWithPath: candidate)
            }
        }
        // Last resort, as the script does: find the provider binary and walk up
        // <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/<binary>.
        for root in searchRoots {
            guard let walker = fm.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                if walker.level > 9 {
                    walker.skipDescendants()
                    continue
                }
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("terraform-provider-aws") {
                    var url = URL(fileURLWithPath: root).appendingPathComponent(relative)
                    for _ in 0..<6 { url.deleteLastPathComponent() }
                    return url
                }
            }
        }
        return nil
    }

    /// The providers the mirror holds (`registry.terraform.io/hashicorp/aws`, ...), sorted.
    static func mirroredProviders(_ mirror: URL) -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        for host in (try? fm.contentsOfDirectory(atPath: mirror.path)) ?? [] {
            let hostURL = mirror.appendingPathComponent(host)
            for namespace in (try? fm.contentsOfDirectory(atPath: hostURL.path)) ?? [] {
                let nsURL = hostURL.appendingPathComponent(namespace)
                for type in (try? fm.contentsOfDirectory(atPath: nsURL.path)) ?? [] {
                    result.append("\(host)/\(namespace)/\(type)")
                }
            }
        }
        return result.sorted()
    }

    /// Only providers the mirror holds come from it; everything else goes to the registry.
    static func cliConfigText(mirror: URL?) -> String {
        guard let mirror else { return "" }
        let list = mirroredProviders(mirror).map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            provider_installation {
              filesystem_mirror {
                path    = "\(mirror.path)"
                include = [\(list)]
              }
              direct {
                exclude = [\(list)]
              }
            }

            """
    }

    static func findExecutable(_ name: String, path: String) -> URL? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
