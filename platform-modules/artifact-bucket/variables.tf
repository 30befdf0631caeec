variable "bucket_name" {
  description = "Name of the artifact bucket; globally unique (the renderer names it <platform>-<env>-lambda-artifacts)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "publisher_role_arns" {
  description = "ARNs of the release pipelines' publish roles (in any account of the organization) that alone may write artifacts."
  type        = list(string)

  validation {
    condition     = length(var.publisher_role_arns) > 0 && alltrue([for arn in var.publisher_role_arns : can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,64}$", arn))])
    error_message = "publisher_role_arns must be a non-empty list of IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "key_prefixes" {
  description = "Key prefixes the publishers may write under, one per artifact (e.g. secret-rotation for secret-rotation/secret-rotation.zip)."
  type        = list(string)

  validation {
    condition     = length(var.key_prefixes) > 0 && alltrue([for p in var.key_prefixes : can(regex("^[A-Za-z0-9][A-Za-z0-9/_-]*[A-Za-z0-9]$", p))])
    error_message = "key_prefixes must be a non-empty list of letters, digits, slashes, underscores and hyphens, without a leading or trailing slash."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "How long a superseded artifact version is kept for a rollback before it expires."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be between 1 and 3650."
  }
}

variable "access_log_bucket" {
  description = "Existing bucket that receives this bucket's S3 server access logs; null turns access logging off."
  type        = string
  default     = null
}

variable "enable_lifecycle_rules" {
  description = "Expire superseded versions. Only the local emulator target turns it off (the provider polls a new lifecycle configuration for about a minute)."
  type        = bool
  default     = true
}

variable "enforce_tls_policy" {
  description = "Deny every request made without TLS in the bucket policy. Only the local emulator target turns it off (moto 5.2 reads the deny as deny-all)."
  type        = bool
  default     = true
}

variable "enforce_publisher_policy" {
  description = "Deny writes by any principal but the publishers in the bucket policy. Only the local emulator target turns it off (moto 5.2 ignores the condition and reads the deny as deny-all)."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let destroy delete a non-empty bucket. Only for disposable (local emulator) targets."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags of the bucket (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
