import PlinthLoader
import PlinthSpec
import Testing

/// Bad input, one mistake per test: each asserts the code, key path, exact line and column and
/// message, and (through the fixture) that nothing was written.
@Suite("platform.yaml bad input")
struct SpecLoaderBadInputTests {
    let base = SpecFixture()

    // MARK: YAML syntax

    @Test func malformedYAMLUnclosedFlowSequence() throws {
        let bad = base.replacing("attachTo: [Infrastructure, Workloads]", with: "attachTo: [Infrastructure, Workloads")
        let result = try bad.load()
        #expect(result.spec == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == "yaml-syntax")
        #expect(diagnostic.message.hasPrefix("invalid YAML: did not find expected ',' or ']'"))
        // libyaml notices the unclosed list where the next top-level key starts.
        #expect(diagnostic.location?.line == bad.position(of: "\nenvironments:")?.line.advanced(by: 1))
        #expect(diagnostic.location?.column == "environments".count + 1)
    }

    @Test func malformedYAMLBadIndentation() throws {
        let bad = base.replacing("  primary: us-east-1", with: "  primary: us-east-1\n    extra: [")
        let result = try bad.load()
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml-syntax")
        #expect(diagnostic.location?.line == bad.position(of: "extra: [")?.line)
    }

    @Test func emptyFile() throws {
        try expectDiagnostic(SpecFixture(""), code: "empty-document", path: "(root)", at: (1, 1), message: "the file is empty")
    }

    @Test func duplicateKey() throws {
        let bad = base.replacing("  displayName: AllergyHub", with: "  displayName: AllergyHub\n  displayName: Again")
        let first = try #require(bad.position(of: "displayName: AllergyHub"))
        try expectDiagnostic(
            bad, code: "duplicate-key", path: "platform.displayName", at: bad.position(of: "displayName: Again"),
            message: "duplicate key 'displayName': it already appears at line \(first.line)")
    }

    @Test func duplicateKeyInsideAListItem() throws {
        let bad = base.replacing(
            "      organizationalUnit: Security\n      purpose: Security tooling",
            with: "      organizationalUnit: Security\n      organizationalUnit: Infrastructure\n      purpose: Security tooling")
        let second = try #require(bad.position(of: "organizationalUnit: Infrastructure"))
        try expectDiagnostic(
            bad, code: "duplicate-key", path: "organization.accounts[1].organizationalUnit", at: second,
            message: "duplicate key 'organizationalUnit': it already appears at line \(second.line - 1)")
    }

    @Test func missingFile() throws {
        let result = SpecLoader().load(path: "/nonexistent/plinth/platform.yaml")
        #expect(result.spec == nil)
        #expect(result.diagnostics.map(\.code) == ["missing-file"])
        #expect(result.diagnostics.first?.message == "no such file: /nonexistent/plinth/platform.yaml")
    }

    // MARK: Types and keys

    @Test func wrongTypeStringForNumber() throws {
        let bad = base.replacing("availabilityZones: 3", with: "availabilityZones: three")
        try expectDiagnostic(
            bad, code: "type-mismatch", path: "environments[2].availabilityZones",
            at: bad.valuePosition(of: "availabilityZones: three"),
            message: "expected a whole number, found the string 'three'")
    }

    @Test func quotedNumberIsAString() throws {
        let bad = base.replacing("rpoMinutes: 15", with: "rpoMinutes: \"15\"")
        try expectDiagnostic(
            bad, code: "type-mismatch", path: "environments[2].disasterRecovery.rpoMinutes",
            at: bad.valuePosition(of: "rpoMinutes: \"15\""),
            message: "expected a whole number, found the string '15'")
    }

    @Test func yesIsNotABoolean() throws {
        let bad = base.replacing("      spot: true\n    database", with: "      spot: yes\n    database")
        try expectDiagnostic(
            bad, code: "type-mismatch", path: "environments[0].compute.spot",
            at: bad.valuePosition(of: "spot: yes"), message: "expected true or false, found the string 'yes'")
    }

    @Test func listWhereMappingExpected() throws {
        let bad = base.replacing("regions:\n  primary: us-east-1\n  disasterRecovery: us-west-2", with: "regions: [us-east-1, us-west-2]")
        try expectDiagnostic(
            bad, code: "type-mismatch", path: "regions", at: bad.valuePosition(of: "regions: [us-east-1"),
            message: "expected a mapping, found a list")
    }

    @Test func unknownKeyWithSuggestion() throws {
        let bad = base.replacing("      instanceType: m6i.xlarge", with: "      instanceTyp: m6i.xlarge")
        let result = try expectDiagnostic(
            bad, code: "unknown-key", path: "environments[2].compute.instanceTyp",
            at: bad.position(of: "instanceTyp: m6i"), message: "unknown key 'instanceTyp'",
            hint: "did you mean 'instanceType'?")
        // The renamed key also leaves the required one missing: both are reported in the same run.
        #expect(result.diagnostics.contains { $0.code == "missing-key" && $0.path.description == "environments[2].compute.instanceType" })
    }

    @Test func unknownTopLevelKey() throws {
        let bad = base.replacing("apiVersion: plinth/v1", with: "apiVersion: plinth/v1\nfeatureFlags: {}")
        try expectDiagnostic(
            bad, code: "unknown-key", path: "featureFlags", at: bad.position(of: "featureFlags:"),
            message: "unknown key 'featureFlags'")
    }

    @Test func missingRequiredKey() throws {
        let bad = base.replacing("  owner: platform-team\n", with: "")
        try expectDiagnostic(
            bad, code: "missing-key", path: "platform.owner", at: bad.position(of: "platform:\n  name"),
            message: "missing required key 'owner'")
    }

    @Test func invalidEnumWithSuggestion() throws {
        let bad = base.replacing("tier: production", with: "tier: prodution")
        try expectDiagnostic(
            bad, code: "invalid-value", path: "environments[2].tier", at: bad.valuePosition(of: "tier: prodution"),
            message: "'prodution' is not one of development, staging, production", hint: "did you mean 'production'?")
    }

    @Test func invalidName() throws {
        let bad = base.replacing("  - name: dev\n    account: dev", with: "  - name: Dev_Env\n    account: dev")
        try expectDiagnostic(
            bad, code: "invalid-format", path: "environments[0].name", at: bad.valuePosition(of: "name: Dev_Env"),
            message: "'Dev_Env' is not a lowercase name such as 'shared-services' (letters, digits, single hyphens)")
    }

    // MARK: CIDRs and the address plan

    @Test func cidrWithHostBitsSet() throws {
        let bad = base.replacing("cidr: 10.17.0.0/16", with: "cidr: 10.17.0.1/16")
        try expectDiagnostic(
            bad, code: "invalid-cidr", path: "network.spokes[0].vpc.cidr", at: bad.valuePosition(of: "cidr: 10.17.0.1/16"),
            message: "'10.17.0.1/16' is not a valid CIDR block: host bits are set; the network is 10.17.0.0/16")
    }

    @Test func cidrWithBadOctet() throws {
        let bad = base.replacing("cidr: 10.19.0.0/16", with: "cidr: 10.300.0.0/16")
        try expectDiagnostic(
            bad, code: "invalid-cidr", path: "network.spokes[2].vpc.cidr", at: bad.valuePosition(of: "cidr: 10.300.0.0/16"),
            message: "'10.300.0.0/16' is not a valid CIDR block: '10.300.0.0' is not an IPv4 address")
    }

    @Test func overlappingSpokeCIDRs() throws {
        let bad = base.replacing("cidr: 10.18.0.0/16", with: "cidr: 10.17.0.0/16")
        let result = try expectDiagnostic(
            bad, code: "cidr-overlap", path: "network.spokes[1].vpc.cidr",
            at: bad.valuePosition(of: "cidr: 10.17.0.0/16", occurrence: 2),
            message: "10.17.0.0/16 overlaps 10.17.0.0/16 at network.spokes[0].vpc.cidr")
        let related = try #require(
            result.diagnostics.first { $0.code == "cidr-overlap" && $0.path.description == "network.spokes[1].vpc.cidr" }?.related.first)
        #expect(related.location?.line == bad.position(of: "cidr: 10.17.0.0/16")?.line)
    }

    @Test func vpcOutsideItsSupernet() throws {
        let bad = base.replacing("cidr: 10.33.0.0/16", with: "cidr: 10.20.0.0/16")
        try expectDiagnostic(
            bad, code: "outside-supernet", path: "network.spokes[3].vpc.cidr", at: bad.valuePosition(of: "cidr: 10.20.0.0/16"),
            message: "10.20.0.0/16 of 'prod-usw2' is outside the us-west-2 supernet 10.32.0.0/12")
    }

    @Test func vpcOverlappingReservedRange() throws {
        let bad = base.replacing("cidr: 192.168.0.0/16", with: "cidr: 10.19.128.0/17")
        try expectDiagnostic(
            bad, code: "reserved-overlap", path: "network.spokes[2].vpc.cidr", at: bad.valuePosition(of: "cidr: 10.19.0.0/16"),
            message: "10.19.0.0/16 overlaps the reserved range 'clinic-sites' (10.19.128.0/17)")
    }

    @Test func subnetOutsideVPC() throws {
        let bad = base.replacing("public: [10.19.0.0/22, 10.19.4.0/22]", with: "public: [10.19.0.0/22, 10.20.4.0/22]")
        try expectDiagnostic(
            bad, code: "outside-vpc", path: "network.spokes[2].vpc.subnets.public[1]", at: bad.position(of: "10.20.4.0/22"),
            message: "subnet 10.20.4.0/22 is outside VPC 'dev-use1' (10.19.0.0/16)")
    }

    @Test func overlappingSubnets() throws {
        let bad = base.replacing("isolated: [10.18.128.0/22, 10.18.132.0/22]", with: "isolated: [10.18.128.0/22, 10.18.64.0/22]")
        try expectDiagnostic(
            bad, code: "cidr-overlap", path: "network.spokes[1].vpc.subnets.isolated[1]", at: bad.position(of: "10.18.64.0/22"),
            message: "subnet 10.18.64.0/22 overlaps 10.18.64.0/19 at network.spokes[1].vpc.subnets.private[1]")
    }

    @Test func subnetsDoNotCoverEveryAZ() throws {
        let bad = base.replacing("private: [10.17.32.0/19, 10.17.64.0/19, 10.17.96.0/19]", with: "private: [10.17.32.0/19, 10.17.64.0/19]")
        try expectDiagnostic(
            bad, code: "subnets-per-az", path: "network.spokes[0].vpc.subnets.private",
            at: bad.valuePosition(of: "private: [10.17.32.0/19, 10.17.64.0/19]"),
            message: "the private tier has 2 subnets for 3 availability zones; give one per AZ, in AZ order")
    }

    @Test func availabilityZoneInAnotherRegion() throws {
        let bad = base.replacing(
            "availabilityZones: [us-east-1a, us-east-1b]\n        subnets:\n          public: [10.19",
            with: "availabilityZones: [us-east-1a, us-west-2b]\n        subnets:\n          public: [10.19")
        try expectDiagnostic(
            bad, code: "zone-region", path: "network.spokes[2].vpc.availabilityZones[1]", at: bad.position(of: "us-west-2b]"),
            message: "us-west-2b is not in us-east-1")
    }

    @Test func previewPoolTooSmall() throws {
        let bad = base.replacing("maxConcurrent: 40", with: "maxConcurrent: 300")
        try expectDiagnostic(
            bad, code: "preview-pool-capacity", path: "environments[0].previews.maxConcurrent",
            at: bad.valuePosition(of: "maxConcurrent: 300"),
            message: "300 previews of /22 do not fit the preview pool 10.28.0.0/14 (room for 256)")
    }

    @Test func previewPoolOverlapsAVPC() throws {
        let bad = base.replacing("cidr: 10.28.0.0/14", with: "cidr: 10.16.0.0/14")
        try expectDiagnostic(
            bad, code: "cidr-overlap", path: "network.spokes[0].vpc.cidr", at: bad.valuePosition(of: "cidr: 10.17.0.0/16"),
            message: "10.17.0.0/16 overlaps 10.16.0.0/14 at network.addressPlan.previewPool.cidr")
    }

    @Test func previewPoolOverlapsAReservedRange() throws {
        let bad = base.replacing("cidr: 10.28.0.0/14", with: "cidr: 10.12.0.0/14")
        try expectDiagnostic(
            bad, code: "reserved-overlap", path: "network.addressPlan.previewPool.cidr", at: bad.valuePosition(of: "cidr: 10.12.0.0/14"),
            message: "10.12.0.0/14 overlaps the reserved range 'corporate-hq' (10.0.0.0/12)")
    }

    @Test func previewExtensionShorterThanTTL() throws {
        let bad = base.replacing("maxTtlHours: 168", with: "maxTtlHours: 24")
        try expectDiagnostic(
            bad, code: "out-of-range", path: "environments[0].previews.maxTtlHours", at: bad.valuePosition(of: "maxTtlHours: 24"),
            message: "maxTtlHours must be at least ttlHours (72) and at most 720, not 24")
    }

    // MARK: References and names

    @Test func danglingAccountReferenceWithSuggestion() throws {
        let bad = base.replacing("    account: prod\n    tier: production", with: "    account: prd\n    tier: production")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "environments[2].account", at: bad.valuePosition(of: "account: prd"),
            message: "unknown account 'prd' (declared: management, log-archive, audit, shared-services, dev, staging, prod)",
            hint: "did you mean 'prod'?")
    }

    @Test func danglingOrganizationalUnit() throws {
        let bad = base.replacing("organizationalUnit: Prod", with: "organizationalUnit: Production")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "organization.accounts[5].organizationalUnit",
            at: bad.valuePosition(of: "organizationalUnit: Production"),
            message: "unknown organizational unit 'Production' (declared: Security, Infrastructure, Workloads, NonProd, Prod)")
    }

    @Test func danglingHubReference() throws {
        let bad = base.replacing("hub: hub-usw2", with: "hub: hub-usw3")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "network.spokes[3].hub", at: bad.valuePosition(of: "hub: hub-usw3"),
            message: "unknown hub 'hub-usw3' (declared: hub-use1, hub-usw2)", hint: "did you mean 'hub-usw2'?")
    }

    @Test func danglingAlertRoute() throws {
        let bad = base.replacing(
            "      route: non-critical\n      environments: [staging, prod]",
            with: "      route: noncritical\n      environments: [staging, prod]")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "observability.alerts[1].route", at: bad.valuePosition(of: "route: noncritical"),
            message: "unknown alert route 'noncritical' (declared: critical, non-critical)", hint: "did you mean 'non-critical'?")
    }

    @Test func danglingPermissionInRoleGrant() throws {
        let bad = base.replacing("{permission: \"billing:read\", scope: clinic}", with: "{permission: \"billing:raed\", scope: clinic}")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "identity.application.roles[0].grants[7].permission",
            at: bad.position(of: "\"billing:raed\""),
            message: "unknown permission 'billing:raed' (declared: \(SpecFixture().permissionList))",
            hint: "did you mean 'billing:read'?")
    }

    @Test func danglingBlocker() throws {
        let bad = base.replacing("blockedBy: corporate-connectivity", with: "blockedBy: corporate-conectivity")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "network.vpn.blockedBy", at: bad.valuePosition(of: "blockedBy: corporate-conectivity"),
            message:
                "unknown blocker 'corporate-conectivity' (declared: control-tower-baseline, okta-licensing, pagerduty-procurement, managed-observability-pricing, corporate-connectivity)",
            hint: "did you mean 'corporate-connectivity'?")
    }

    @Test func duplicateAccountName() throws {
        let bad = base.replacing("    - name: audit\n", with: "    - name: log-archive\n")
        let result = try expectDiagnostic(
            bad, code: "duplicate-name", path: "organization.accounts[1].name",
            at: bad.valuePosition(of: "name: log-archive", occurrence: 2),
            message: "duplicate account name 'log-archive'")
        let related = try #require(result.diagnostics.first { $0.code == "duplicate-name" }?.related.first)
        #expect(related.location?.line == bad.position(of: "name: log-archive")?.line)
    }

    @Test func auditAccountNamesAMemberAccount() throws {
        let bad = base.replacing("auditAccount: audit", with: "auditAccount: adit")
        try expectDiagnostic(
            bad, code: "unknown-reference", path: "organization.auditAccount", at: bad.valuePosition(of: "auditAccount: adit"),
            message: "unknown member account 'adit' (declared: log-archive, audit, shared-services, dev, staging, prod)",
            hint: "did you mean 'audit'?")
    }

    @Test func duplicateEmailIgnoringCase() throws {
        let bad = base.replacing("email: aws-audit@allergyhub.example", with: "email: AWS-Log-Archive@allergyhub.example")
        try expectDiagnostic(
            bad, code: "duplicate-name", path: "organization.accounts[1].email", at: bad.valuePosition(of: "email: AWS-Log-Archive"),
            message: "duplicate account email 'AWS-Log-Archive@allergyhub.example'")
    }

    @Test func invalidEmail() throws {
        let bad = base.replacing("email: aws-staging@allergyhub.example", with: "email: aws-staging@allergyhub")
        try expectDiagnostic(
            bad, code: "invalid-email", path: "organization.accounts[4].email", at: bad.valuePosition(of: "email: aws-staging@allergyhub"),
            message: "'aws-staging@allergyhub' is not a valid email address")
    }

    // MARK: Environments

    @Test func stagingDriftsFromProdOutsideSizeKnobs() throws {
        let bad = base.replacing("engineVersion: \"16.4\"", with: "engineVersion: \"15.7\"", occurrence: 2)
        try expectDiagnostic(
            bad, code: "mirror-drift", path: "environments[1].database.engineVersion", at: bad.valuePosition(of: "engineVersion: \"15.7\""),
            message: "staging differs from prod at database.engineVersion (15.7 vs 16.4); only declared size knobs may differ",
            hint: "this is not a size or count: make it equal")
    }

    @Test func stagingDriftsInUndeclaredSizeKnob() throws {
        let bad = base.replacing("      - compute.maxSize\n", with: "")
        try expectDiagnostic(
            bad, code: "mirror-drift", path: "environments[1].compute.maxSize", at: bad.valuePosition(of: "maxSize: 4"),
            message: "staging differs from prod at compute.maxSize (4 vs 12); only declared size knobs may differ",
            hint: "add 'compute.maxSize' to allowedDifferences if the difference is intended")
    }

    @Test func prodNeedsThreeAZs() throws {
        let bad = base.replacing("availabilityZones: 3", with: "availabilityZones: 2")
        try expectDiagnostic(
            bad, code: "availability-zones", path: "environments[2].availabilityZones",
            at: bad.valuePosition(of: "availabilityZones: 2", occurrence: 3),
            message: "production runs in exactly 3 availability zones, not 2")
    }

    @Test func stagingNeedsTwoAZs() throws {
        let bad = base.replacing("availabilityZones: 2\n    mirrors: prod", with: "availabilityZones: 1\n    mirrors: prod")
        try expectDiagnostic(
            bad, code: "availability-zones", path: "environments[1].availabilityZones", at: bad.valuePosition(of: "availabilityZones: 1"),
            message: "staging needs at least 2 availability zones, not 1")
    }

    @Test func autoscalingBoundsOutOfOrder() throws {
        let bad = base.replacing("desiredCapacity: 3", with: "desiredCapacity: 13")
        try expectDiagnostic(
            bad, code: "autoscaling-bounds", path: "environments[2].compute", at: bad.position(of: "instanceType: m6i.xlarge"),
            message: "autoscaling bounds must satisfy 0 <= minSize <= desiredCapacity <= maxSize (got 3 <= 13 <= 12)")
    }

    // MARK: Secrets, blockers, observability

    @Test func awsAccessKeyInSpec() throws {
        // An access key id of the AWS shape, made up here so that no key-like string sits in the repository.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let keyID = "AKIA" + String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        let bad = base.replacing("description: Policy service database login.", with: "description: \(keyID)")
        let result = try expectDiagnostic(
            bad, code: "secret-value", path: "secrets.secrets[1].description",
            at: bad.valuePosition(of: "description: \(keyID)"),
            message: "this looks like a secret value (an AWS access key id); the spec holds references only")
        #expect(!result.diagnostics.map(\.message).joined().contains(keyID), "the value is never echoed")
    }

    @Test func passwordKeyInSpec() throws {
        // An unknown key named like a credential is both unknown and a secret: both reported.
        let bad = base.replacing("  bucket: allergyhub-terraform-state", with: "  bucket: allergyhub-terraform-state\n  password: hunter2")
        try expectDiagnostic(
            bad, code: "secret-value", path: "terraformState.password", at: bad.valuePosition(of: "password: hunter2"),
            message: "this looks like a secret value (the key 'password' names a credential); the spec holds references only")
    }

    @Test func highEntropyTokenInSpec() throws {
        let bad = base.replacing("target: allergyhub-production", with: "target: 7hQ2xV9kLp3ZrT8mWc4NbY6dFs1GjA5e")
        try expectDiagnostic(
            bad, code: "secret-value", path: "observability.alertRoutes[0].target", at: bad.valuePosition(of: "target: 7hQ2"),
            message: "this looks like a secret value (a long random-looking string); the spec holds references only")
    }

    @Test func gatedCapabilityEnabledWhileBlockerOpen() throws {
        let bad = base.replacing("  vpn:\n    enabled: false", with: "  vpn:\n    enabled: true")
        try expectDiagnostic(
            bad, code: "gated-capability-enabled", path: "network.vpn.enabled",
            at: bad.valuePosition(of: "enabled: true\n    blockedBy: corporate-connectivity"),
            message: "network.vpn is enabled but blocker 'corporate-connectivity' is open",
            hint: "keep it disabled until the blocker is resolved")
    }

    @Test func missingRunbookPage() throws {
        let bad = base.replacing("runbook: docs/runbooks/api-latency.md", with: "runbook: docs/runbooks/api-slow.md")
        try expectDiagnostic(
            bad, code: "missing-runbook", path: "observability.alerts[1].runbook",
            at: bad.valuePosition(of: "runbook: docs/runbooks/api-slow.md"),
            message: "runbook page 'docs/runbooks/api-slow.md' does not exist")
    }

    @Test func logRetentionNotAllowedByCloudWatch() throws {
        let bad = base.replacing("    staging: 30\n", with: "    staging: 31\n")
        try expectDiagnostic(
            bad, code: "invalid-value", path: "observability.logRetentionDays.staging", at: bad.valuePosition(of: "staging: 31"),
            message: "CloudWatch Logs cannot keep logs for 31 days", hint: "nearest allowed value: 30")
    }

    @Test func approvalNeedsApprovers() throws {
        let bad = base.replacing("      approvers: [platform-team]\n", with: "")
        try expectDiagnostic(
            bad, code: "missing-approvers", path: "pipelines.deployRoles[3].approvers",
            at: bad.position(of: "account: prod\n      roleName"),
            message: "deploy role 'plinth-deploy' requires approval: name the GitHub teams that approve its deployments")
    }

    @Test func productionDeployRoleNeedsApproval() throws {
        let bad = base.replacing(
            "environments: [prod]\n      requiresApproval: true", with: "environments: [prod]\n      requiresApproval: false")
        try expectDiagnostic(
            bad, code: "production-approval", path: "pipelines.deployRoles[3].requiresApproval",
            at: bad.valuePosition(of: "requiresApproval: false", occurrence: 4),
            message: "the production deploy role requires approval")
    }

    // MARK: All at once

    @Test func everyErrorInOneRun() throws {
        let bad =
            base
            .replacing("cidr: 10.18.0.0/16", with: "cidr: 10.17.0.0/16")
            .replacing("email: aws-staging@allergyhub.example", with: "email: not-an-email")
            .replacing("hub: hub-usw2", with: "hub: hub-euw1")
            .replacing("engineVersion: \"16.4\"", with: "engineVersion: \"15.7\"", occurrence: 2)
        let result = try bad.load()
        let codes = Set(result.errors.map(\.code))
        #expect(codes.isSuperset(of: ["cidr-overlap", "invalid-email", "unknown-reference", "mirror-drift"]))
        #expect(result.diagnostics.allSatisfy { $0.location != nil }, "every diagnostic is placed in the file")
        let lines = result.diagnostics.compactMap(\.location?.line)
        #expect(lines == lines.sorted(), "diagnostics come in file order")
    }
}

extension SpecFixture {
    var permissionList: String {
        [
            "patient_record:read", "patient_record:write", "allergy_test:read", "allergy_test:order", "allergy_test:record_result",
            "treatment_plan:read", "treatment_plan:write", "appointment:read", "appointment:book", "appointment:cancel",
            "clinic_settings:read", "clinic_settings:write", "clinic_staff:manage", "billing:read", "audit_log:read",
        ].joined(separator: ", ")
    }
}
