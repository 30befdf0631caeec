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

variable "cloudwatch_log_group" {
  description = "Log group (in this account) whose events CloudWatch Logs encrypts with the key; adds the statement that lets the logs service of its region use the key for exactly that group. null adds none."
  type = object({
    name   = string
    region = string
  })
  default = null

  validation {
    condition     = var.cloudwatch_log_group == null || can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$", var.cloudwatch_log_group.region))
    error_message = "cloudwatch_log_group.region must be an AWS region name such as us-east-1."
  }
}

variable "statements" {
  description = "Further key policy statements (objects as jsonencode takes them) after the account administration (and the log group statement), e.g. a service principal's use of the key."
  type        = any
  default     = []

  validation {
    condition     = can(length(var.statements)) && alltrue([for s in var.statements : can(s.Sid) && can(s.Effect) && can(s.Action)])
    error_message = "statements must be a list of statement objects, each with Sid, Effect and Action."
  }
}
