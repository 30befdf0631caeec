variable "name" {
  description = "Function name, e.g. allergyhub-prod-secret-rotation; also names its role, security group and log group."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,62}[a-z0-9]$", var.name))
    error_message = "name must be 3-64 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment the function rotates secrets for; tagged on every resource."
  type        = string
}

variable "tags" {
  description = "Tags merged into every taggable resource."
  type        = map(string)
  default     = {}
}

variable "package" {
  description = "The zip scripts/package-rotation builds, as the release pipeline publishes it in S3 (same region). Without s3_object_version the object's current version is read at plan time, so a newly published zip shows as a code change. Null only with emulator_package."
  type = object({
    s3_bucket         = string
    s3_key            = string
    s3_object_version = optional(string)
  })
  default = null

  validation {
    condition     = var.package != null || var.emulator_package
    error_message = "package must name the published zip (s3_bucket, s3_key) unless emulator_package is set."
  }
}

variable "emulator_package" {
  description = "Deploy the stand-in archive kept in this module (emulator/package.zip, empty) instead of package. Only for the local emulator, which stores a function's code but never runs it (invoking needs Docker), so the real bootstrap, a release build of about 20 minutes, would buy nothing there."
  type        = bool
  default     = false
}

variable "architecture" {
  description = "Instruction set the bootstrap was built for: x86_64 or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "vpc_id" {
  description = "VPC of the environment; the function runs in its private subnets."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the function's network interfaces go in (at least two zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs at least two subnets, in different zones."
  }
}

variable "database_security_group_ids" {
  description = "Security groups of the databases whose logins it rotates; the function may reach them on database_port only."
  type        = list(string)
  default     = []
}

variable "database_port" {
  description = "PostgreSQL port."
  type        = number
  default     = 5432
}

variable "endpoint_security_group_id" {
  description = "Security group of the VPC interface endpoints (Secrets Manager, KMS, logs, S3 gateway aside); the function reaches them on 443 only, never the internet."
  type        = string
}

variable "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint, for publishing the JWKS; null when no signing key is rotated."
  type        = string
  default     = null
}

variable "secret_arns" {
  description = "ARNs of the secrets it rotates, and of the administrator secrets alternating logins use; its role reaches no other secret."
  type        = list(string)

  validation {
    condition     = length(var.secret_arns) > 0 && alltrue([for a in var.secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:", a))])
    error_message = "secret_arns must be one or more Secrets Manager ARNs."
  }
}

variable "kms_key_arn" {
  description = "The environment's KMS key: encrypts the secrets, the function's environment and its log group."
  type        = string
}

variable "jwks_object_arns" {
  description = "S3 object ARNs of the JWKS documents signing-key rotations publish."
  type        = list(string)
  default     = []
}

variable "rotation_config" {
  description = "PLINTH_ROTATION_CONFIG: the strategy per secret name, as rendered from platform.yaml (JSON)."
  type        = string

  validation {
    condition     = can(jsondecode(var.rotation_config).secrets)
    error_message = "rotation_config must be JSON with a secrets object."
  }
}

variable "rotation_schedules" {
  description = "Rotation schedules this function runs, by secret name: the secret's ARN (one of secret_arns) and the days between rotations. Attached here, after the function and Secrets Manager's permission to invoke it exist, and with rotate_immediately off: the first value is stored outside Terraform."
  type = map(object({
    secret_arn    = string
    schedule_days = number
  }))
  default = {}

  validation {
    condition     = alltrue([for s in values(var.rotation_schedules) : s.schedule_days >= 1 && s.schedule_days <= 90])
    error_message = "schedule_days must be from 1 to 90: secrets are rotated at least quarterly."
  }

  validation {
    condition     = alltrue([for s in values(var.rotation_schedules) : contains(var.secret_arns, s.secret_arn)])
    error_message = "Every scheduled secret must be one of secret_arns, or the function could not rotate it."
  }
}

variable "enable_rotation" {
  description = "Attach rotation_schedules. Real targets keep it on; the local emulator cannot attach a schedule to a secret that has no value yet (moto 5.2's RotateSecret fails with a server error there)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days the function's logs are kept (the environment's observability.logRetentionDays)."
  type        = number
  default     = 365
}

variable "timeout_seconds" {
  description = "Longest a rotation step may run."
  type        = number
  default     = 60
}
