import Foundation
import Testing

@testable import PlinthProvisioning

@Suite struct TerraformEnvironmentTests {
    @Test func mirrorIsFoundFromTheVariableAndOnlyItsProvidersComeFromIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for provider in ["hashicorp/aws", "hashicorp/random"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("registry.terraform.io/\(provider)/1.0.0/linux_amd64"),
                withIntermediateDirectories: true)
        }
        let found = TerraformEnvironment.findMirror(environment: ["PLINTH_TF_MIRROR": root.path], searchRoots: [])
        #expect(found?.path == root.path)
        let text = TerraformEnvironment.cliConfigText(mirror: root)
        #expect(text.contains("path    = \"\(root.path)\""))
        #expect(text.contains("include = [\"registry.terraform.io/hashicorp/aws\", \"registry.terraform.io/hashicorp/random\"]"))
        #expect(text.contains("exclude = [\"registry.terraform.io/hashicorp/aws\", \"registry.terraform.io/hashicorp/random\"]"))
        #expect(TerraformEnvironment.cliConfigText(mirror: nil).isEmpty)
    }

    @Test func aMirrorIsFoundByWalkingUpFromTheProviderBinary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let mirror = root.appendingPathComponent("deep/plugins")
        let binaryDir = mirror.appendingPathComponent("registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64")
        try FileManager.default.createDirectory(at: binaryDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: binaryDir.appendingPathComponent("terraform-provider-aws_v5.100.0_x5").path, contents: Data())
        let found = TerraformEnvironment.findMirror(environment: [:], searchRoots: [root.path], usualPlaces: [])
        #expect(found?.standardizedFileURL.path == mirror.standardizedFileURL.path)
        #expect(TerraformEnvironment.findMirror(environment: [:], searchRoots: [root.path + "/none"], usualPlaces: []) == nil)
    }

    @Test func aTerraformOlderThanTheModulesAllowIsRefusedByVersion() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plinth-old-tf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let terraform = root.appendingPathComponent("terraform")
        try Data("#!/bin/sh\necho '{\"terraform_version\":\"1.5.7\",\"platform\":\"linux_amd64\"}'\n".utf8).write(to: terraform)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: terraform.path)
        let error = ProvisioningError.toolMissing(.terraform, problem: "terraform 1.5.7 at \(terraform.path) is too old")
        #expect(throws: error) {
            _ = try TerraformEnvironment.discover(
                environment: ["PATH": root.path], stateDirectory: root.appendingPathComponent("state"), searchRoots: [])
        }
        #expect(throws: ProvisioningError.toolMissing(.terraform, problem: nil)) {
            _ = try TerraformEnvironment.discover(
                environment: ["PATH": root.appendingPathComponent("none").path], stateDirectory: root, searchRoots: [])
        }
    }
}
