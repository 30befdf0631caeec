variable "name" {
  description = "Prefix of the key's alias and description (e.g. allergyhub)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "bucket_name" {
  description = "Name of the change-log bucket; globally unique (platform.yaml pipelines.changeLog.bucket)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "region" {
  description = "Region of the bucket; the deploy roles may use the key only through S3 there."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "writer_role_arns" {
  description = "ARNs of the deploy roles (in any account of the organization) that alone may append and read change records."
  type        = list(string)

  validation {
    condition     = length(var.writer_role_arns) > 0 && alltrue([for arn in var.writer_role_arns : can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,64}$", arn))])
    error_message = "writer_role_arns must be a non-empty list of IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "key_prefix" {
  description = "Key prefix of the change records (plinth writes <key_prefix>/<date>/<change id>/<stack>.json)."
  type        = string
  default     = "changes"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9/_-]*[A-Za-z0-9]$", var.key_prefix))
    error_message = "key_prefix must be letters, digits, slashes, underscores and hyphens, without a leading or trailing slash."
  }
}

variable "retention_days" {
  description = "How long every record version is kept under Object Lock in compliance mode, then expires. HIPAA keeps documentation six years (45 CFR 164.316(b)(2)), so at least 2192 days."
  type        = number
  default     = 2192

  validation {
    condition     = var.retention_days >= 2192 && var.retention_days <= 36500
    error_message = "retention_days must be between 2192 (six years, HIPAA's documentation retention) and 36500."
  }
}

variable "access_log_bucket" {
  description = "Existing bucket that receives this bucket's S3 server access logs; null turns access logging off."
  type        = string
  default     = null
}

variable "enable_lifecycle_rules" {
  description = "Expire records once their retention has run out. Only the local emulator target turns it off (the provider polls a new lifecycle configuration for about a minute)."
  type        = bool
  default     = true
}

variable "enforce_tls_policy" {
  description = "Deny every request made without TLS in the bucket policy. Only the local emulator target turns it off (moto 5.2 reads the deny as deny-all)."
  type        = bool
  default     = true
}

variable "enforce_writer_policy" {
  description = "Deny writes by any principal but the deploy roles in the bucket policy. Only the local emulator target turns it off (moto 5.2 ignores the condition and reads the deny as deny-all)."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let destroy delete a non-empty bucket. Only for disposable (local emulator) targets; Object Lock still keeps locked versions."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags of the key and bucket (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
