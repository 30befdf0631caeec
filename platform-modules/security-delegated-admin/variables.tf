variable "admin_account_id" {
  description = "Account the security services are delegated to (the audit account)."
  type        = string

  validation {
    condition     = can(regex("^\\d{12}$", var.admin_account_id))
    error_message = "admin_account_id must be a 12-digit AWS account ID."
  }
}

variable "enable_guardduty" {
  description = "Make the account GuardDuty's administrator in this region. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 cannot remove a GuardDuty administrator, so the stack could not be destroyed)."
  type        = bool
  default     = true
}

variable "enable_security_hub" {
  description = "Make the account Security Hub's administrator in this region. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 does not list Security Hub administrators, so the designation cannot be read back)."
  type        = bool
  default     = true
}

variable "organization_service_principals" {
  description = "Services registered with AWS Organizations to the account as delegated administrator (global: pass them in one region's call only), e.g. config.amazonaws.com for the Config aggregator and access-analyzer.amazonaws.com."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.organization_service_principals : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", p))])
    error_message = "organization_service_principals must be service principals ending in .amazonaws.com."
  }
}
