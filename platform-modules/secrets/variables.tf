variable "name" {
  description = "Prefix for resource names, e.g. allergyhub-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "environment" {
  description = "Environment these secrets belong to (dev, staging, prod); tagged on every resource."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.environment))
    error_message = "environment must be lower-case letters, digits and hyphens."
  }
}

variable "kms_key_alias" {
  description = "Alias of the environment's customer managed KMS key, e.g. alias/allergyhub-prod."
  type        = string

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]+$", var.kms_key_alias)) && !startswith(var.kms_key_alias, "alias/aws/")
    error_message = "kms_key_alias must start with alias/, use only letters, digits, /, _ and -, and not use the reserved alias/aws/ prefix."
  }
}

variable "kms_key_rotation_days" {
  description = "Days between automatic rotations of the KMS key material (AWS allows 90 to 2560). null or 365 leaves AWS's default period, which the local emulator also reports; the emulator does not keep other periods, so a local target passes null to stay idempotent."
  type        = number
  default     = 365

  validation {
    condition     = var.kms_key_rotation_days == null || try(var.kms_key_rotation_days >= 90 && var.kms_key_rotation_days <= 2560 && floor(var.kms_key_rotation_days) == var.kms_key_rotation_days, false)
    error_message = "kms_key_rotation_days must be null or a whole number from 90 to 2560."
  }
}

variable "kms_deletion_window_days" {
  description = "Waiting period before a scheduled key deletion takes effect, so a mistaken destroy can be cancelled."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be from 7 to 30."
  }
}

variable "kms_service_principals" {
  description = "AWS services (besides Secrets Manager and SSM, which act with their callers' permissions) allowed to use the key for encryption in this account, e.g. logs or sns. Needed when the environment key also encrypts log groups or topics."
  type        = list(string)
  default     = ["logs", "sns"]

  validation {
    condition     = alltrue([for s in var.kms_service_principals : contains(["logs", "sns", "cloudwatch", "events", "firehose"], s)])
    error_message = "kms_service_principals may only contain logs, sns, cloudwatch, events or firehose."
  }
}

variable "secrets" {
  description = <<-EOT
    Secrets Manager secrets of this environment. rotation.kind is "function" (created here; the
    rotation-function module attaches the schedule of the Lambda named in rotation.function) or "rds-native" (created and rotated by
    RDS itself, so only recorded here and returned in rds_managed_secrets). readers are workload names
    that get a read policy for exactly these secrets.
  EOT
  type = list(object({
    name        = string
    description = string
    owner       = string
    rotation = object({
      kind          = string
      schedule_days = number
      function      = optional(string)
    })
    readers = optional(list(string), [])
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.secrets : can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", s.name))])
    error_message = "Secret names may contain only letters, digits and /_+=.@- (at most 512 characters)."
  }

  validation {
    condition     = alltrue([for s in var.secrets : contains(["function", "rds-native"], s.rotation.kind)])
    error_message = "rotation.kind must be \"function\" or \"rds-native\"."
  }

  validation {
    condition     = alltrue([for s in var.secrets : s.rotation.schedule_days >= 1 && s.rotation.schedule_days <= 90])
    error_message = "rotation.schedule_days must be from 1 to 90: secrets are rotated at least quarterly."
  }

  validation {
    condition     = alltrue([for s in var.secrets : s.rotation.kind != "function" || try(length(s.rotation.function) > 0, false)])
    error_message = "A secret with rotation.kind \"function\" must name its rotation.function."
  }

  validation {
    condition     = length(distinct([for s in var.secrets : s.name])) == length(var.secrets)
    error_message = "Secret names must be unique."
  }

  validation {
    condition     = alltrue(flatten([for s in var.secrets : [for r in s.readers : can(regex("^[a-z][a-z0-9-]{0,40}$", r))]]))
    error_message = "Reader names must be lower-case letters, digits and hyphens (at most 41 characters)."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can still be restored; 0 deletes immediately (only sensible for throw-away environments)."
  type        = number
  default     = 30

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or from 7 to 30."
  }
}

variable "parameters" {
  description = <<-EOT
    SSM Parameter Store parameters. Terraform creates each with a placeholder value and then ignores
    the value: the real value is set outside Terraform, so it never lands in state or the repository.
    SecureString parameters are encrypted with the environment key. readers get read access.
  EOT
  type = list(object({
    name        = string
    type        = string
    description = string
    tier        = optional(string, "Standard")
    readers     = optional(list(string), [])
  }))
  default = []

  validation {
    condition     = alltrue([for p in var.parameters : can(regex("^/[A-Za-z0-9/_.-]+$", p.name)) && length(p.name) <= 1011])
    error_message = "Parameter names must be absolute paths (start with /) of letters, digits and /_.-."
  }

  validation {
    condition     = alltrue([for p in var.parameters : contains(["String", "StringList", "SecureString"], p.type)])
    error_message = "Parameter type must be String, StringList or SecureString."
  }

  validation {
    condition     = alltrue([for p in var.parameters : contains(["Standard", "Advanced", "Intelligent-Tiering"], p.tier)])
    error_message = "Parameter tier must be Standard, Advanced or Intelligent-Tiering."
  }

  validation {
    condition     = length(distinct([for p in var.parameters : p.name])) == length(var.parameters)
    error_message = "Parameter names must be unique."
  }
}

variable "jwks_publications" {
  description = "Objects where rotation functions publish signing keys' public halves as a JWKS (platform.yaml rotation.signingKey.jwks). Their buckets are created here, encrypted with the environment key; readers (workload names) get a read of the object in their reader policy, to verify tokens."
  type = list(object({
    bucket  = string
    key     = string
    readers = optional(list(string), [])
  }))
  default = []

  validation {
    condition     = alltrue([for p in var.jwks_publications : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", p.bucket)) && length(p.key) > 0 && !startswith(p.key, "/")])
    error_message = "jwks_publications must name a valid S3 bucket and a key without a leading slash."
  }

  validation {
    condition     = alltrue(flatten([for p in var.jwks_publications : [for r in p.readers : can(regex("^[a-z][a-z0-9-]{0,40}$", r))]]))
    error_message = "Reader names must be lower-case letters, digits and hyphens (at most 41 characters)."
  }
}

variable "force_destroy_jwks_buckets" {
  description = "Let destroy delete a JWKS bucket that still holds key sets. Only for disposable (local emulator) targets."
  type        = bool
  default     = false
}

variable "enforce_jwks_tls_policy" {
  description = "Deny every request made without TLS in the JWKS buckets' policies. Only the local emulator target turns it off (moto 5.2 reads the deny as deny-all)."
  type        = bool
  default     = true
}

variable "enable_jwks_lifecycle_rules" {
  description = "Expire superseded key sets after 30 days. Only the local emulator target turns it off (the provider polls a new lifecycle configuration for about a minute)."
  type        = bool
  default     = true
}
