variable "name" {
  description = "Name of the recorder and its delivery channel."
  type        = string
  default     = "default"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,255}$", var.name))
    error_message = "name must be 1-256 letters, digits, underscores and hyphens."
  }
}

variable "create_service_linked_role" {
  description = "Create the AWS Config service-linked role and record with it; exactly one call per account does (the role is global). The other calls pass its role_arn output in."
  type        = bool
  default     = true
}

variable "role_arn" {
  description = "Role the recorder uses when create_service_linked_role is false: the service-linked role another region's call created (its role_arn output, which also orders this call after it)."
  type        = string
  default     = null

  validation {
    condition     = var.role_arn == null ? var.create_service_linked_role : !var.create_service_linked_role && can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/", var.role_arn))
    error_message = "role_arn must be an IAM role ARN, given exactly when create_service_linked_role is false."
  }
}

variable "include_global_resource_types" {
  description = "Record global resources (IAM users, roles, policies). True in exactly one region per account, so they are recorded once."
  type        = bool
}

variable "s3_bucket_name" {
  description = "Central bucket configuration snapshots and history go to (audit-log-archive in the log-archive account)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))
    error_message = "s3_bucket_name must be a valid S3 bucket name."
  }
}

variable "s3_key_prefix" {
  description = "Key prefix in the bucket (the archive's config_key_prefix)."
  type        = string
  default     = "config"
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts what Config delivers (the archive's key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "snapshot_delivery_frequency" {
  description = "How often Config delivers a configuration snapshot."
  type        = string
  default     = "TwentyFour_Hours"

  validation {
    condition     = contains(["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"], var.snapshot_delivery_frequency)
    error_message = "snapshot_delivery_frequency must be One_Hour, Three_Hours, Six_Hours, Twelve_Hours or TwentyFour_Hours."
  }
}
