import PlinthSpec

extension SpecValidator {
    mutating func checkOrganization() {
        let org = SpecPath.root + "organization"
        let ous = spec.organization.organizationalUnits
        let ouNames = ous.map(\.name)
        for (index, ou) in ous.enumerated() {
            guard let parent = ou.parent else { continue }
            let path = org + "organizationalUnits" + index + "parent"
            reference(parent, at: path, to: "organizational unit", among: ouNames)
            // Walk up; a walk longer than the OU count means a cycle.
            var seen: Set<String> = [ou.name]
            var current = parent
            while let next = ous.first(where: { $0.name == current }) {
                if seen.contains(next.name) {
                    error("ou-cycle", path, "organizational unit '\(ou.name)' is its own ancestor")
                    break
                }
                seen.insert(next.name)
                guard let up = next.parent else { break }
                current = up
            }
        }

        if let audit = spec.organization.auditAccount {
            reference(
                audit.rawValue, at: org + "auditAccount", to: "member account", among: spec.organization.accounts.map(\.name.rawValue))
        }

        let management = spec.organization.managementAccount
        if management.organizationalUnit != nil {
            error(
                "management-account-ou", org + "managementAccount" + "organizationalUnit",
                "the management account sits at the organization root and cannot be placed in an OU")
        }
        for (index, account) in spec.organization.accounts.enumerated() {
            let path = org + "accounts" + index
            if let ou = account.organizationalUnit {
                reference(ou, at: path + "organizationalUnit", to: "organizational unit", among: ouNames)
            } else {
                error("missing-key", path + "organizationalUnit", "member account '\(account.name)' must name its organizational unit")
            }
        }

        let emails = spec.organization.allAccounts.enumerated().map { offset, account in
            (account.email, offset == 0 ? org + "managementAccount" + "email" : org + "accounts" + (offset - 1) + "email")
        }
        for (email, path) in emails where !EmailAddress.isValid(email) {
            error("invalid-email", path, "'\(email)' is not a valid email address")
        }
        unique(emails, kind: "account email", caseInsensitive: true)

        for (index, policy) in spec.organization.serviceControlPolicies.enumerated() {
            let path = org + "serviceControlPolicies" + index
            if policy.attachTo.isEmpty {
                error("empty-list", path + "attachTo", "service control policy '\(policy.name)' is attached to nothing")
            }
            for (target, ou) in policy.attachTo.enumerated() {
                reference(ou, at: path + "attachTo" + target, to: "organizational unit", among: ouNames)
            }
            if !policy.exemptActions.isEmpty && policy.kind != .denyRegionsOutsideAllowed {
                error("unexpected-field", path + "exemptActions", "exemptActions applies only to kind 'deny-regions-outside-allowed'")
            }
        }
        for kind in ServiceControlPolicyKind.allCases where !spec.organization.serviceControlPolicies.contains(where: { $0.kind == kind }) {
            error(
                "missing-guardrail", org + "serviceControlPolicies",
                "no service control policy of kind '\(kind.rawValue)'; the baseline requires every guardrail")
        }
        if spec.regions.primary == spec.regions.disasterRecovery {
            error("same-region", .root + "regions" + "disasterRecovery", "the disaster-recovery region must differ from the primary region")
        }
    }
}

/// Email syntax as account creation accepts it: local part, one '@', a dotted domain.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            (1...64).contains(local.count), (3...253).contains(domain.count), text.count <= 254
        else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard local.allSatisfy(localAllowed.contains), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return false
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
