import Foundation

/// A read-back defect of moto 5.2 that the emulator plinth starts answers as AWS does.
///
/// Without these, Terraform reads back something other than what it wrote and plans the same
/// update on every run, so "a second `up` changes nothing" could not hold. Each correction is
/// listed in the run's summary; an emulator plinth did not start has none of them.
public struct EmulatorCorrection: Sendable, Codable, Equatable {
    /// Name of the Python function that applies it (in the launcher, `Resources/moto_corrected.py`).
    public var name: String
    /// The AWS resource whose read-back it fixes.
    public var resource: String
    /// What moto 5.2 returns that AWS does not.
    public var defect: String

    public init(name: String, resource: String, defect: String) {
        self.name = name
        self.resource = resource
        self.defect = defect
    }
}

/// The corrections, and the launcher that applies them before running moto's own server.
///
/// The launcher is moto_server with a few functions of moto replaced at start-up; it adds no
/// service and skips no check, and it applies nothing to a moto other than 5.2 (it says so in
/// the emulator's log), because the functions it wraps may differ there.
public enum EmulatorCorrections {
    public static let all: [EmulatorCorrection] = [
        .init(
            name: "launch_template_own_tags", resource: "aws_launch_template",
            defect: "the template's own tags come back inside its launch data as a launch-template tag specification"),
        .init(
            name: "referenced_group_rule_description", resource: "aws_vpc_security_group_ingress_rule, aws_vpc_security_group_egress_rule",
            defect: "a rule that references a security group comes back without its description"),
        .init(
            name: "db_parameter_source", resource: "aws_db_parameter_group",
            defect: "parameters set on the group come back without Source user, so the provider reads none"),
        .init(
            name: "db_instance_monitoring", resource: "aws_db_instance",
            defect: "enhanced monitoring and Performance Insights come back off although the instance was created or modified with them"),
        .init(
            name: "cloudfront_cache_policy_behaviour", resource: "aws_cloudfront_distribution",
            defect: "a cache behaviour with a cache policy comes back with legacy forwarded values as well"),
        .init(
            name: "cloudfront_custom_certificate", resource: "aws_cloudfront_distribution",
            defect: "a distribution with an ACM certificate comes back as using the CloudFront default certificate too"),
        .init(
            name: "transit_gateway_attachment_deletion", resource: "aws_ec2_transit_gateway_vpc_attachment",
            defect:
                "a deleted attachment cannot be read at once instead of reading back as deleted, so each destroy waits 2.5 minutes and fails"
        ),
        .init(
            name: "cloudtrail_trail_arn", resource: "aws_cloudtrail",
            defect: "a trail named by its ARN cannot start or stop logging and is not deleted; the provider names it so"),
        .init(
            name: "dynamodb_serial_writes", resource: "aws_dynamodb_table (items)",
            defect: "concurrent writes interleave, and a cancelled transaction restores an old copy of the table, erasing other writes"),
        .init(
            name: "prefix_list_rule_description", resource: "aws_vpc_security_group_egress_rule",
            defect: "a rule that references a prefix list comes back without its description"),
        .init(
            name: "lambda_function_key_and_logging", resource: "aws_lambda_function",
            defect: "the function's KMS key and logging configuration are accepted but never read back"),
    ]

    /// Whether the launcher applies the corrections to this moto (it wraps functions of 5.2).
    static func applies(toMoto version: String) -> Bool { version.hasPrefix("5.2.") }

    /// File name of the launcher, both as the bundled resource and in the emulator's state directory.
    static let launcherFileName = "moto_corrected.py"

    /// The launcher's Python, run as `python3 moto_corrected.py <moto_server arguments>`; kept as
    /// a resource file (`Resources/moto_corrected.py`) so it is read, linted and edited as Python.
    static func launcherSource() throws -> String {
        let name = (launcherFileName as NSString).deletingPathExtension
        let type = (launcherFileName as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: name, withExtension: type) else {
            throw ProvisioningError.emulatorDidNotStart(detail: "its launcher \(launcherFileName) is missing from plinth's resources")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Writes the launcher (atomically) into `directory` and returns its path.
    static func writeLauncher(in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent(launcherFileName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(launcherSource().utf8).write(to: file, options: .atomic)
        return file
    }
}
