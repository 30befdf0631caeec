variable "name" {
  description = "Prefix for resource names that are not given explicitly (the KMS key alias)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "table_name" {
  description = "Name of the DynamoDB table holding preview leases (plinth's lease store)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, underscore, dot and hyphen."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the table's CMK is deleted after destroy."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be between 7 and 30."
  }
}

variable "force_destroy" {
  description = "Turn off the table's deletion protection. Only for disposable (local emulator) targets; keep false for real accounts."
  type        = bool
  default     = false
}

variable "lessee_role_arns" {
  description = "Roles in other accounts that take, renew and release leases (the preview workflows' roles): the table's resource policy grants them its item actions, and the key's policy its use through DynamoDB. Empty grants nothing."
  type        = list(string)
  default     = []
}
