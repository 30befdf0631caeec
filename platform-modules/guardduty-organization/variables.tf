variable "protections" {
  description = "GuardDuty protection plans turned on for the administrator and every member (S3 data events, EKS audit logs, EBS malware scans, RDS logins, Lambda network activity, runtime monitoring)."
  type        = list(string)
  default     = ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"]

  validation {
    condition = alltrue([for p in var.protections : contains([
      "S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING",
    ], p)])
    error_message = "protections must be GuardDuty features: S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS or RUNTIME_MONITORING."
  }
}

variable "finding_publishing_frequency" {
  description = "How often updated findings are published to EventBridge (and Security Hub)."
  type        = string
  default     = "FIFTEEN_MINUTES"

  validation {
    condition     = contains(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"], var.finding_publishing_frequency)
    error_message = "finding_publishing_frequency must be FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS."
  }
}

variable "enable_protections" {
  description = "Turn the protection plans on. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 does not read detector features back)."
  type        = bool
  default     = true
}

variable "enable_organization_configuration" {
  description = "Enrol every member account, existing and new, with the same protections. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 does not implement GuardDuty's organization configuration)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of the detector (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
