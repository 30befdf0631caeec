variable "name" {
  description = "Prefix for names this module invents (service control policy names are prefixed with it)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (OUs, accounts, policies)."
  type        = map(string)
  default     = {}
}

variable "aws_service_access_principals" {
  description = "AWS services trusted to work across the organization (Identity Center, CloudTrail, Config, GuardDuty, Security Hub, IAM Access Analyzer, RAM)."
  type        = list(string)
  default = [
    "access-analyzer.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "guardduty.amazonaws.com",
    "ram.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]

  validation {
    condition     = alltrue([for p in var.aws_service_access_principals : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", p))])
    error_message = "aws_service_access_principals must be service principals ending in .amazonaws.com."
  }
}

variable "organizational_units" {
  description = "OUs to create. parent is the name of another OU in this list, or null for the root; nesting up to three levels (platform.yaml uses Workloads/NonProd and Workloads/Prod)."
  type = list(object({
    name   = string
    parent = optional(string)
  }))

  validation {
    condition     = length(distinct([for ou in var.organizational_units : ou.name])) == length(var.organizational_units)
    error_message = "organizational_units names must be unique."
  }

  validation {
    condition = alltrue([
      for ou in var.organizational_units : ou.parent == null || contains([for p in var.organizational_units : p.name], coalesce(ou.parent, "-"))
    ])
    error_message = "every organizational_units parent must be the name of another OU in the list (or null for the root)."
  }

  validation {
    condition = alltrue([
      for ou in var.organizational_units : try(
        { for o in var.organizational_units : o.name => o.parent }[
          { for o in var.organizational_units : o.name => o.parent }[ou.parent]
        ] == null,
        true
      )
    ])
    error_message = "organizational_units nest at most three levels below the root."
  }

  validation {
    condition     = alltrue([for ou in var.organizational_units : can(regex("^[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}$", ou.name))])
    error_message = "organizational_units names must be 1-128 letters, digits, spaces, underscores, dots or hyphens."
  }
}

variable "accounts" {
  description = "Member accounts to create, each placed in an OU by name. The management account is not listed: it already exists."
  type = list(object({
    name                       = string
    email                      = string
    organizational_unit        = string
    close_on_deletion          = optional(bool, false)
    iam_user_access_to_billing = optional(string, "DENY")
    role_name                  = optional(string, "OrganizationAccountAccessRole")
  }))
  default = []

  validation {
    condition     = length(distinct([for a in var.accounts : a.name])) == length(var.accounts)
    error_message = "accounts names must be unique."
  }

  validation {
    condition     = alltrue([for a in var.accounts : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", a.email))])
    error_message = "every account email must be an e-mail address (local@domain.tld)."
  }

  validation {
    condition     = alltrue([for a in var.accounts : contains(["ALLOW", "DENY"], a.iam_user_access_to_billing)])
    error_message = "iam_user_access_to_billing must be ALLOW or DENY."
  }

  validation {
    condition     = alltrue([for a in var.accounts : can(regex("^[\\w+=,.@-]{1,64}$", a.role_name))])
    error_message = "role_name must be a valid IAM role name (1-64 characters of letters, digits and +=,.@_-)."
  }

  validation {
    condition     = alltrue([for a in var.accounts : contains([for ou in var.organizational_units : ou.name], a.organizational_unit)])
    error_message = "every account organizational_unit must be the name of an OU in organizational_units."
  }
}

variable "service_control_policies" {
  description = <<-EOT
    Service control policies, each generated from a kind and attached to OUs by name. Kinds:
    deny-leave-organization, deny-regions-outside-allowed (uses allowed_regions and exempt_actions),
    deny-security-service-changes, deny-root-user, deny-iam-users-and-access-keys, require-imdsv2.
  EOT
  type = list(object({
    name            = string
    kind            = string
    description     = optional(string, "")
    attach_to       = list(string)
    exempt_actions  = optional(list(string), [])
    allowed_regions = optional(list(string), [])
  }))
  default = []

  validation {
    condition = alltrue([for p in var.service_control_policies : contains([
      "deny-leave-organization", "deny-regions-outside-allowed", "deny-security-service-changes",
      "deny-root-user", "deny-iam-users-and-access-keys", "require-imdsv2",
    ], p.kind)])
    error_message = "service_control_policies kind must be one of deny-leave-organization, deny-regions-outside-allowed, deny-security-service-changes, deny-root-user, deny-iam-users-and-access-keys, require-imdsv2."
  }

  validation {
    condition     = length(distinct([for p in var.service_control_policies : p.name])) == length(var.service_control_policies)
    error_message = "service_control_policies names must be unique."
  }

  validation {
    condition     = alltrue([for p in var.service_control_policies : p.kind != "deny-regions-outside-allowed" || length(p.allowed_regions) > 0])
    error_message = "a deny-regions-outside-allowed policy needs at least one allowed_regions entry."
  }

  validation {
    condition     = alltrue(flatten([for p in var.service_control_policies : [for r in p.allowed_regions : can(regex("^[a-z]{2}(-gov)?-[a-z]+-\\d$", r))]]))
    error_message = "allowed_regions entries must be AWS region names such as us-east-1."
  }

  validation {
    condition     = alltrue(flatten([for p in var.service_control_policies : [for a in p.exempt_actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9*]+$", a))]]))
    error_message = "exempt_actions entries must be IAM actions such as iam:* or sts:AssumeRole."
  }

  validation {
    condition     = alltrue(flatten([for p in var.service_control_policies : [for t in p.attach_to : contains([for ou in var.organizational_units : ou.name], t)]]))
    error_message = "every service_control_policies attach_to entry must be the name of an OU in organizational_units."
  }
}
