variable "name" {
  description = "Prefix of the launch template's name (a hyphen and a unique suffix follow)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,95}$", var.name))
    error_message = "name must be 1-96 letters, digits or hyphens, starting with a letter or digit."
  }
}

variable "instance_name" {
  description = "Name tag of the instances and their root volumes."
  type        = string
}

variable "description" {
  description = "What the instances launched from the template are for."
  type        = string
}

variable "tags" {
  description = "Tags for the template, its instances and their volumes (the provider adds the default tags)."
  type        = map(string)
  default     = {}
}

variable "ami_id" {
  description = "Image the instances boot."
  type        = string

  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must look like ami-0123456789abcdef0."
  }
}

variable "instance_type" {
  description = "EC2 instance type."
  type        = string
}

variable "instance_profile_arn" {
  description = "Instance profile whose role the instances run as; the caller owns the role and what it may do."
  type        = string
}

variable "security_group_ids" {
  description = "Security groups of the instances' one network interface."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "security_group_ids needs at least one group: an interface without one gets the VPC's default group."
  }
}

variable "root_volume_size_gb" {
  description = "Size of the encrypted gp3 root volume."
  type        = number
  default     = 30

  validation {
    condition     = var.root_volume_size_gb >= 8 && var.root_volume_size_gb <= 16384
    error_message = "root_volume_size_gb must be between 8 and 16384."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key the root volumes are encrypted with."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "user_data" {
  description = "Boot script as plain text (the module base64-encodes it); empty for none."
  type        = string
  default     = ""
}

variable "shutdown_behavior" {
  description = "What a shutdown from inside the instance does: stop, or terminate (for instances that do one job and go)."
  type        = string
  default     = "stop"

  validation {
    condition     = contains(["stop", "terminate"], var.shutdown_behavior)
    error_message = "shutdown_behavior must be stop or terminate."
  }
}

variable "instance_metadata_tags" {
  description = "Whether the instance metadata service exposes the instance's tags (off where untrusted jobs run)."
  type        = bool
  default     = false
}
