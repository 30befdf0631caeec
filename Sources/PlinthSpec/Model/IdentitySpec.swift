public struct IdentitySpec: SpecObject {
    public var workforce = WorkforceIdentitySpec()
    public var customer = CustomerIdentitySpec()
    public var application = ApplicationAuthorizationSpec()

    public init() {}
    public static let documentation =
        "Who may do what: staff through Okta and IAM Identity Center, customers through Auth0, and the application's roles."
    public static var fields: [SpecField<IdentitySpec>] {
        [
            .required("workforce", \.workforce, "Okta groups mapped to IAM Identity Center permission sets."),
            .required("customer", \.customer, "Auth0 tenants for the customer-facing application."),
            .required("application", \.application, "Application roles, permissions and machine scopes."),
        ]
    }
}

public struct WorkforceIdentitySpec: SpecObject {
    public var oktaOrg = ""
    public var scimProvisioning = GatedFeature()
    public var mfaRequired = true
    public var permissionSets: [PermissionSetSpec] = []
    public var assignments: [GroupAssignmentSpec] = []

    public init() {}
    public static let documentation = "Okta as the workforce identity provider for AWS."
    public static var fields: [SpecField<WorkforceIdentitySpec>] {
        [
            .required("oktaOrg", \.oktaOrg, "Okta org domain."),
            .required("scimProvisioning", \.scimProvisioning, "SCIM push of Okta groups to IAM Identity Center."),
            .required("mfaRequired", \.mfaRequired, "MFA on every sign-in; must be true."),
            .required("permissionSets", \.permissionSets, "IAM Identity Center permission sets."),
            .required("assignments", \.assignments, "Okta group to permission set, per account."),
        ]
    }
}

public struct PermissionSetSpec: SpecObject {
    public var name = ""
    public var description = ""
    public var sessionHours = 1
    public var managedPolicies: [String] = []

    public init() {}
    public static let documentation = "An IAM Identity Center permission set."
    public static var fields: [SpecField<PermissionSetSpec>] {
        [
            .required("name", \.name, "Permission set name (letters, digits, +=,.@-)."),
            .required("description", \.description, "What it is for."),
            .required("sessionHours", \.sessionHours, "Session length in hours (1 to 12)."),
            .required("managedPolicies", \.managedPolicies, "AWS managed policy ARNs."),
        ]
    }
}

public struct GroupAssignmentSpec: SpecObject {
    public var group = ""
    public var permissionSet = ""
    public var accounts: [Name] = []

    public init() {}
    public static let documentation = "Grants an Okta group a permission set in accounts."
    public static var fields: [SpecField<GroupAssignmentSpec>] {
        [
            .required("group", \.group, "Okta group name, pushed by SCIM."),
            .required("permissionSet", \.permissionSet, "Permission set name."),
            .required("accounts", \.accounts, "Accounts where the group gets the permission set."),
        ]
    }
}

public struct CustomerIdentitySpec: SpecObject {
    public var provider: CustomerIdentityProvider = .auth0
    public var blockedBy: Name?
    public var apiIdentifier = ""
    public var tenants: [Auth0TenantSpec] = []

    public init() {}
    public static let documentation = "Customer identity (Okta Customer Identity Cloud, formerly Auth0)."
    public static var fields: [SpecField<CustomerIdentitySpec>] {
        [
            .required("provider", \.provider, "Identity provider for customers."),
            .optional("blockedBy", \.blockedBy, "Blocker gating the tenants."),
            .required("apiIdentifier", \.apiIdentifier, "Audience of access tokens for the product API."),
            .required("tenants", \.tenants, "One tenant per environment."),
        ]
    }
}

public enum CustomerIdentityProvider: String, SpecEnum { case auth0 }

public struct Auth0TenantSpec: SpecObject {
    public var name = ""
    public var environment: Name = ""
    public var domain = ""

    public init() {}
    public static let documentation = "An Auth0 tenant."
    public static var fields: [SpecField<Auth0TenantSpec>] {
        [
            .required("name", \.name, "Tenant name."),
            .required("environment", \.environment, "Environment the tenant serves."),
            .required("domain", \.domain, "Custom login domain; its https URL is the token issuer."),
        ]
    }
}

public struct ApplicationAuthorizationSpec: SpecObject {
    public var claimsNamespace = ""
    public var permissions: [PermissionSpec] = []
    public var roles: [ApplicationRoleSpec] = []
    public var machineScopes: [MachineScopeSpec] = []

    public init() {}
    public static let documentation = "The product's RBAC model: seeded into the policy service and the Auth0 API."
    public static var fields: [SpecField<ApplicationAuthorizationSpec>] {
        [
            .required("claimsNamespace", \.claimsNamespace, "Namespace (a URL) of the custom roles and clinic claims in tokens."),
            .required("permissions", \.permissions, "Every permission, resource:action."),
            .required("roles", \.roles, "Application roles and the permissions they grant."),
            .required("machineScopes", \.machineScopes, "Scopes of machine-to-machine tokens for administrative APIs."),
        ]
    }
}

public struct PermissionSpec: SpecObject {
    public var name: PermissionName = "a:b"
    public var description = ""

    public init() {}
    public static let documentation = "A permission."
    public static var fields: [SpecField<PermissionSpec>] {
        [
            .required("name", \.name, "resource:action."),
            .required("description", \.description, "What it allows."),
        ]
    }
}

public struct ApplicationRoleSpec: SpecObject {
    public var name = ""
    public var description = ""
    public var grants: [RoleGrantSpec] = []

    public init() {}
    public static let documentation = "An application role, such as clinic_admin."
    public static var fields: [SpecField<ApplicationRoleSpec>] {
        [
            .required("name", \.name, "Role name, as it appears in the roles claim."),
            .required("description", \.description, "Who holds the role."),
            .required("grants", \.grants, "Permissions granted, each with a scope."),
        ]
    }
}

public struct RoleGrantSpec: SpecObject {
    public var permission: PermissionName = "a:b"
    public var scope: GrantScopeSpec = .clinic

    public init() {}
    public static let documentation = "A permission granted within a scope."
    public static var fields: [SpecField<RoleGrantSpec>] {
        [
            .required("permission", \.permission, "Permission granted."),
            .required("scope", \.scope, "clinic: resources of the holder's clinic; self: the holder's own records; global: any."),
        ]
    }
}

public enum GrantScopeSpec: String, SpecEnum {
    case clinic
    case own = "self"
    case global
}

public struct MachineScopeSpec: SpecObject {
    public var name = ""
    public var description = ""

    public init() {}
    public static let documentation = "A machine-to-machine token scope."
    public static var fields: [SpecField<MachineScopeSpec>] {
        [
            .required("name", \.name, "Scope, e.g. policy:admin."),
            .required("description", \.description, "What it allows."),
        ]
    }
}
