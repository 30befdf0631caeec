variable "name" {
  description = "Platform name, recorded in tags; permission set names are used as given because people see them in the access portal."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (permission sets)."
  type        = map(string)
  default     = {}
}

variable "enable_permission_sets" {
  description = "Create the permission sets. A switch because the local emulator (moto) cannot serve SSO Admin; real targets keep it on."
  type        = bool
  default     = true
}

variable "enable_assignments" {
  description = "Assign groups to accounts. A switch because moto cannot serve SSO Admin or the identity store, and because the Okta groups only exist once SCIM provisioning is unblocked."
  type        = bool
  default     = true

  validation {
    condition     = !var.enable_assignments || var.enable_permission_sets
    error_message = "enable_assignments needs enable_permission_sets: assignments use this module's permission sets."
  }
}

variable "instance_arn" {
  description = "IAM Identity Center instance ARN; null looks up the organization's single instance."
  type        = string
  default     = null

  validation {
    condition     = var.instance_arn == null || can(regex("^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$", var.instance_arn))
    error_message = "instance_arn must be an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-...)."
  }
}

variable "identity_store_id" {
  description = "Identity store ID (d-...) holding the Okta-provisioned groups; null looks it up with the instance."
  type        = string
  default     = null

  validation {
    condition     = var.identity_store_id == null || can(regex("^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.identity_store_id))
    error_message = "identity_store_id must look like d-1234567890."
  }
}

variable "permission_sets" {
  description = "Permission sets: session length in hours (1-12) and the AWS or customer managed policy ARNs attached to each."
  type = list(object({
    name             = string
    description      = optional(string, "")
    session_hours    = number
    managed_policies = list(string)
  }))
  default = []

  validation {
    condition     = alltrue([for p in var.permission_sets : can(regex("^[\\w+=,.@-]{1,32}$", p.name))])
    error_message = "permission set names must be 1-32 characters of letters, digits and +=,.@_-."
  }

  validation {
    condition     = length(distinct([for p in var.permission_sets : p.name])) == length(var.permission_sets)
    error_message = "permission set names must be unique."
  }

  validation {
    condition     = alltrue([for p in var.permission_sets : p.session_hours >= 1 && p.session_hours <= 12 && floor(p.session_hours) == p.session_hours])
    error_message = "session_hours must be a whole number of hours between 1 and 12."
  }

  validation {
    condition     = alltrue(flatten([for p in var.permission_sets : [for a in p.managed_policies : can(regex("^arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/.+$", a))]]))
    error_message = "managed_policies entries must be IAM policy ARNs (arn:aws:iam::aws:policy/...)."
  }
}

variable "account_ids" {
  description = "Account IDs by account name (the organization module's account_ids output plus the management account)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for id in values(var.account_ids) : can(regex("^\\d{12}$", id))])
    error_message = "account_ids values must be 12-digit account IDs."
  }
}

variable "group_ids" {
  description = "Identity store group IDs by display name, for groups that should not be looked up (e.g. created in another stack); other groups are found by display name."
  type        = map(string)
  default     = {}
}

variable "assignments" {
  description = "Which Okta-provisioned group gets which permission set in which accounts (accounts by name, resolved through account_ids)."
  type = list(object({
    group          = string
    permission_set = string
    accounts       = list(string)
  }))
  default = []

  validation {
    condition     = alltrue([for a in var.assignments : contains([for p in var.permission_sets : p.name], a.permission_set)])
    error_message = "every assignment permission_set must be the name of one of permission_sets."
  }

  validation {
    condition     = alltrue(flatten([for a in var.assignments : [for acct in a.accounts : contains(keys(var.account_ids), acct)]]))
    error_message = "every assignment account must be a name in account_ids."
  }

  validation {
    condition     = alltrue([for a in var.assignments : length(a.accounts) > 0 && trimspace(a.group) != ""])
    error_message = "every assignment needs a group name and at least one account."
  }
}
