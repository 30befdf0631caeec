variable "name" {
  description = "Name of the trail; also names its log group (/aws/cloudtrail/<name>), key and role."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,50}[a-z0-9]$", var.name))
    error_message = "name must be 4-52 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "s3_bucket_name" {
  description = "Audit log bucket the trail delivers to (audit-log-archive in the log-archive account)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))
    error_message = "s3_bucket_name must be a valid S3 bucket name."
  }
}

variable "s3_key_prefix" {
  description = "Key prefix of the trail's log files in the bucket; null writes under AWSLogs/ at the top, which the audit-log-archive bucket policy expects."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the log files (the audit-log-archive key, which lets this trail use it)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "is_organization_trail" {
  description = "Log every account of the organization (true; must run in the management account), or only this account."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the trail's CloudWatch Logs copy; the S3 archive keeps the logs for their own, longer retention."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention of at least a year (365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "tags" {
  description = "Tags of the trail, log group, key and role (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
