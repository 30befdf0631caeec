variable "standards" {
  description = "Standards the administrator's hub subscribes to, as the part of the standard's ARN after standards/ (AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark by default)."
  type        = list(string)
  default     = ["aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/1.4.0"]

  validation {
    condition     = length(var.standards) > 0 && alltrue([for s in var.standards : can(regex("^[a-z0-9-]+/v/\\d+\\.\\d+\\.\\d+$", s))])
    error_message = "standards must name at least one standard as <standard>/v/<version>, e.g. cis-aws-foundations-benchmark/v/1.4.0."
  }
}

variable "member_account_ids" {
  description = "Accounts of the organization to add as members, by name (every account but this one); accounts created later are enrolled automatically."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for id in values(var.member_account_ids) : can(regex("^\\d{12}$", id))])
    error_message = "member_account_ids values must be 12-digit AWS account IDs."
  }
}

variable "enable_security_hub" {
  description = "Create the hub, its standards, members and organization configuration. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 does not implement UpdateSecurityHubConfiguration, which the provider calls when it enables a hub, nor standards subscriptions)."
  type        = bool
  default     = true
}
