variable "name" {
  description = "Prefix of the key's alias and description (e.g. allergyhub)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "bucket_name" {
  description = "Name of the audit log bucket; globally unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "organization_id" {
  description = "Organization ID (o-...): only AWS Config acting for an account of this organization may write snapshots or use the key."
  type        = string

  validation {
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id must be an AWS Organizations ID such as o-abcd123456."
  }
}

variable "trail_arn" {
  description = "ARN of the organization trail (in the management account) that alone may write trail logs and use the key; known before the trail exists, so the bucket can come first."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[A-Za-z0-9._-]{3,128}$", var.trail_arn))
    error_message = "trail_arn must be a CloudTrail trail ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>)."
  }
}

variable "config_key_prefix" {
  description = "Key prefix under which AWS Config delivery channels write (they add AWSLogs/<account>/Config/...)."
  type        = string
  default     = "config"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9/_-]*[A-Za-z0-9]$", var.config_key_prefix))
    error_message = "config_key_prefix must be letters, digits, slashes, underscores and hyphens, without a leading or trailing slash."
  }
}

variable "retention_days" {
  description = "How long every log version is kept under Object Lock, then expires."
  type        = number
  default     = 365

  validation {
    condition     = var.retention_days >= 365 && var.retention_days <= 36500
    error_message = "retention_days must be between 365 (a year of audit history) and 36500."
  }
}

variable "object_lock_mode" {
  description = "COMPLIANCE: no one, the root user included, can delete a log before its retention ends. GOVERNANCE lets principals with s3:BypassGovernanceRetention do so."
  type        = string
  default     = "COMPLIANCE"

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.object_lock_mode)
    error_message = "object_lock_mode must be COMPLIANCE or GOVERNANCE."
  }
}

variable "access_log_bucket" {
  description = "Existing bucket that receives this bucket's S3 server access logs; null turns access logging off."
  type        = string
  default     = null
}

variable "enable_lifecycle_rules" {
  description = "Expire logs once their retention has run out. Only the local emulator target turns it off (the provider polls a new lifecycle configuration for about a minute)."
  type        = bool
  default     = true
}

variable "enforce_tls_policy" {
  description = "Deny every request made without TLS in the bucket policy. Only the local emulator target turns it off (moto 5.2 reads the deny as deny-all)."
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
