variable "bucket" {
  description = "Name of the bucket; globally unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket)) && !can(regex("\\.\\.|^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket))
    error_message = "bucket must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "tags" {
  description = "Tags of the bucket (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}

variable "force_destroy" {
  description = "Let destroy delete a non-empty bucket. Only for disposable (local emulator) targets."
  type        = bool
  default     = false
}

variable "sse_algorithm" {
  description = "Default encryption of new objects: aws:kms (with kms_key_arn and an S3 bucket key) or AES256 (SSE-S3), the latter only for buckets a service writes that cannot use KMS (Elastic Load Balancing access logs). An input of its own, because a key made in the same plan has no ARN yet to decide by. Release-artifact buckets written from another account use AES256 too (artifact-bucket)."
  type        = string
  default     = "aws:kms"

  validation {
    condition     = contains(["aws:kms", "AES256"], var.sse_algorithm)
    error_message = "sse_algorithm must be aws:kms or AES256."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts new objects when sse_algorithm is aws:kms; null with AES256."
  type        = string
  default     = null

  validation {
    condition     = (var.kms_key_arn == null) == (var.sse_algorithm == "AES256")
    error_message = "kms_key_arn is required with sse_algorithm aws:kms and must be null with AES256."
  }
}

variable "object_ownership" {
  description = "Object ownership: BucketOwnerEnforced disables ACLs; BucketOwnerPreferred is only for CloudFront standard logging, which writes through an ACL."
  type        = string
  default     = "BucketOwnerEnforced"

  validation {
    condition     = contains(["BucketOwnerEnforced", "BucketOwnerPreferred"], var.object_ownership)
    error_message = "object_ownership must be BucketOwnerEnforced or BucketOwnerPreferred."
  }
}

variable "lifecycle_rule" {
  description = "The bucket's one lifecycle rule: current objects expire after expiration_days (null keeps them), superseded versions after noncurrent_version_expiration_days, incomplete uploads are aborted. null attaches no lifecycle configuration (the local emulator target, where the provider polls a new configuration for about a minute)."
  type = object({
    id                                     = optional(string, "expire")
    expiration_days                        = optional(number)
    noncurrent_version_expiration_days     = optional(number, 7)
    abort_incomplete_multipart_upload_days = optional(number, 1)
  })
  default = {}

  validation {
    condition = var.lifecycle_rule == null || (
      try(var.lifecycle_rule.expiration_days >= 1, true) &&
      try(var.lifecycle_rule.noncurrent_version_expiration_days >= 1 && var.lifecycle_rule.noncurrent_version_expiration_days <= 3650, false) &&
      try(var.lifecycle_rule.abort_incomplete_multipart_upload_days >= 1, false)
    )
    error_message = "lifecycle_rule days must be at least 1 (noncurrent_version_expiration_days at most 3650)."
  }
}

variable "access_log_bucket" {
  description = "Existing bucket that receives this bucket's S3 server access logs; null turns access logging off."
  type        = string
  default     = null
}

variable "access_log_prefix" {
  description = "Key prefix of the access logs in access_log_bucket; null means s3/<bucket>/."
  type        = string
  default     = null
}

variable "enforce_tls_policy" {
  description = "Add the statement that denies every request made without TLS to the bucket policy. Keep true for real accounts; only the local emulator target turns it off, because moto 5.2 ignores policy conditions and reads the deny as deny-all."
  type        = bool
  default     = true
}

variable "policy_statements" {
  description = "IAM policy statements (objects as jsonencode takes them) placed in the bucket policy before the TLS-only deny, e.g. a log delivery service's write grant."
  type        = any
  default     = []

  validation {
    condition     = can(length(var.policy_statements)) && alltrue([for s in var.policy_statements : can(s.Effect) && can(s.Action)])
    error_message = "policy_statements must be a list of statement objects, each with Effect and Action."
  }
}

variable "object_lock" {
  description = "Object Lock default retention for every new object version: mode COMPLIANCE (no one, root included, can shorten it or delete early) or GOVERNANCE (callers with s3:BypassGovernanceRetention can), for retention_days. Only settable when the bucket is created; null leaves Object Lock off."
  type = object({
    mode           = optional(string, "COMPLIANCE")
    retention_days = number
  })
  default = null

  validation {
    condition     = var.object_lock == null || try(contains(["COMPLIANCE", "GOVERNANCE"], var.object_lock.mode) && var.object_lock.retention_days >= 1 && var.object_lock.retention_days <= 36500, false)
    error_message = "object_lock.mode must be COMPLIANCE or GOVERNANCE and retention_days between 1 and 36500."
  }
}
