variable "name" {
  description = "Name of the analyzer."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_.-]{0,254}$", var.name))
    error_message = "name must start with a letter and hold up to 255 letters, digits, dots, underscores and hyphens."
  }
}

variable "enable_analyzer" {
  description = "Create the analyzer. Keep true for real accounts; only the local emulator target turns it off (moto 5.2 does not serve IAM Access Analyzer)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of the analyzer (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
