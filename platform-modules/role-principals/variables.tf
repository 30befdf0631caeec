variable "role_arns" {
  description = "IAM roles, usually in other accounts, that a resource policy grants or singles out."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.role_arns : can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$", arn))])
    error_message = "role_arns must be IAM role ARNs (arn:aws:iam::123456789012:role/name)."
  }
}

variable "partition" {
  description = "AWS partition of the roles' accounts (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"], var.partition)
    error_message = "partition must be an AWS partition name such as aws or aws-us-gov."
  }
}
