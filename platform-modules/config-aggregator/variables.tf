variable "name" {
  description = "Name of the aggregator; also names its role (<name>-config-aggregator)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags of the aggregator and its role (the caller's provider default_tags apply too)."
  type        = map(string)
  default     = {}
}
