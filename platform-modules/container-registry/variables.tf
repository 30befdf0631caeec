variable "name" {
  description = "Prefix naming the registry's key and tags, e.g. allergyhub-registry."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "repositories" {
  description = "ECR repositories (pipelines.containerRepositories): name, the GitHub repository whose pipeline pushes it, and how many images the lifecycle policy keeps."
  type = list(object({
    name              = string
    source_repository = string
    keep_images       = optional(number, 30)
  }))

  validation {
    condition = length(var.repositories) > 0 && alltrue([
      for r in var.repositories : can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", r.name)) && length(r.name) >= 2 && length(r.name) <= 256
    ])
    error_message = "repositories must name at least one repository, each a valid ECR name (lower-case letters, digits, ., _, - and / between components)."
  }

  validation {
    condition     = alltrue([for r in var.repositories : r.keep_images >= 1 && r.keep_images <= 1000 && floor(r.keep_images) == r.keep_images])
    error_message = "keep_images must be a whole number from 1 to 1000."
  }

  validation {
    condition     = length(distinct([for r in var.repositories : r.name])) == length(var.repositories)
    error_message = "repository names must be unique."
  }
}

variable "push_principal_arns" {
  description = "IAM roles allowed to push (the registry account's deploy roles, assumed by the pipelines through OIDC). Nobody else may push."
  type        = list(string)

  validation {
    condition     = length(var.push_principal_arns) > 0 && alltrue([for a in var.push_principal_arns : can(regex("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$", a))])
    error_message = "push_principal_arns must be one or more IAM role ARNs."
  }
}

variable "pull_account_ids" {
  description = "Accounts whose principals may pull (the workload accounts that run the images); their own IAM policies decide who there may."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.pull_account_ids : can(regex("^\\d{12}$", a))])
    error_message = "pull_account_ids must be 12-digit account IDs."
  }
}

variable "force_delete" {
  description = "Delete repositories that still hold images (disposable local targets only)."
  type        = bool
  default     = false
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the registry's key is deleted."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be 7 to 30."
  }
}
