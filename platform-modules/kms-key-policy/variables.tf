variable "account_id" {
  description = "Account that owns the key; its root principal administers the key, so IAM policies in the account grant its use."
  type        = string

  validation {
    condition     = can(regex("^\\d{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "partition" {
  description = "AWS partition of the account (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"], var.partition)
    error_message = "partition must be an AWS partition name such as aws or aws-us-gov."
  }
}

variable "statements" {
  description = "Further key policy statements (objects as jsonencode takes them) after the account administration, e.g. a service principal's use of the key."
  type        = any
  default     = []

  validation {
    condition     = can(length(var.statements)) && alltrue([for s in var.statements : can(s.Sid) && can(s.Effect) && can(s.Action)])
    error_message = "statements must be a list of statement objects, each with Sid, Effect and Action."
  }
}
