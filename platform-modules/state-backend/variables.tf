variable "name" {
  description = "Prefix for resource names that are not given explicitly (the KMS key alias)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}

variable "bucket_name" {
  description = "Name of the S3 bucket holding Terraform state; globally unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.|^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "lock_table_name" {
  description = "Name of the DynamoDB table Terraform uses for state locks."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table_name))
    error_message = "lock_table_name must be 3-255 characters of letters, digits, underscore, dot and hyphen."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days a superseded state version is kept before it expires; long enough to roll back a bad apply."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be between 1 and 3650."
  }
}

variable "access_log_bucket" {
  description = "Existing bucket that receives S3 server access logs for the state bucket; null turns access logging off (e.g. before the log-archive bucket exists)."
  type        = string
  default     = null
}

variable "access_log_prefix" {
  description = "Key prefix for the access logs in access_log_bucket."
  type        = string
  default     = "s3-access/terraform-state/"
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the state CMK is deleted after destroy; long, because losing the key loses every state version."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be between 7 and 30."
  }
}

variable "force_destroy" {
  description = "Let destroy delete a non-empty state bucket. Only for disposable (local emulator) targets; keep false for real accounts."
  type        = bool
  default     = false
}

variable "enforce_tls_policy" {
  description = "Attach the bucket policy that denies every request made without TLS. Keep true for real accounts; only the local emulator target turns it off, because moto 5.2 ignores policy conditions and reads the deny as deny-all."
  type        = bool
  default     = true
}

variable "enable_lifecycle_rules" {
  description = "Apply the bucket lifecycle rules (expiry of old versions and incomplete uploads). Keep true for real accounts; only the local emulator target turns it off, because the provider polls a new lifecycle configuration until it reads back the same several times in a row, which takes about a minute per bucket."
  type        = bool
  default     = true
}
