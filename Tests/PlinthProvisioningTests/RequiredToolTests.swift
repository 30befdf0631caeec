import Foundation
import Testing

@testable import PlinthProvisioning

@Suite struct RequiredToolTests {
    @Test func versionsAreComparedAsNumbers() {
        #expect(RequiredTool.terraform.accepts(version: "1.9.0"))
        #expect(RequiredTool.terraform.accepts(version: "1.11.4"))
        #expect(RequiredTool.terraform.accepts(version: "2.0.0-alpha1"))
        #expect(!RequiredTool.terraform.accepts(version: "1.8.5"))
        #expect(!RequiredTool.terraform.accepts(version: "0.15.0"))
        #expect(RequiredTool.python.accepts(version: "3.10.0"))
        #expect(!RequiredTool.python.accepts(version: "3.9.18"))
        #expect(RequiredTool.openssl.accepts(version: "anything"))
    }

    @Test func aMissingToolSaysWhatWorksAndWhereToGetIt() {
        let missing = ProvisioningError.toolMissing(.terraform, problem: nil).description
        #expect(
            missing == "terraform is not installed or not on PATH: plinth needs Terraform 1.9 or later; "
                + "install it from https://developer.hashicorp.com/terraform/install (one binary; put it on PATH)")
    }
}
