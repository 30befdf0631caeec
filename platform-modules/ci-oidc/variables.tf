variable "name" {
  description = "Prefix naming this account's CI federation in descriptions and tags, e.g. allergyhub-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "create_oidc_provider" {
  description = "Create the GitHub Actions OIDC provider in this account; off when it already exists (pass oidc_provider_arn)."
  type        = bool
  default     = true
}

variable "oidc_provider_arn" {
  description = "Existing GitHub Actions OIDC provider to trust when create_oidc_provider is off."
  type        = string
  default     = null

  validation {
    condition     = var.oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.oidc_provider_arn))
    error_message = "oidc_provider_arn must be the ARN of a token.actions.githubusercontent.com OIDC provider."
  }

  validation {
    condition     = var.create_oidc_provider || var.oidc_provider_arn != null
    error_message = "Give oidc_provider_arn when create_oidc_provider is off."
  }
}

variable "thumbprints" {
  description = "SHA-1 thumbprints of the certificates behind token.actions.githubusercontent.com. AWS now verifies GitHub through its trusted CAs, but the API still requires at least one."
  type        = list(string)
  default     = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]

  validation {
    condition     = length(var.thumbprints) >= 1 && length(var.thumbprints) <= 5 && alltrue([for t in var.thumbprints : can(regex("^[0-9a-f]{40}$", t))])
    error_message = "thumbprints must be 1-5 lower-case 40-character hex SHA-1 fingerprints."
  }
}

variable "github_organization" {
  description = "GitHub organization that owns the repositories (pipelines.githubOrganization)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$", var.github_organization))
    error_message = "github_organization must be a GitHub organization name (letters, digits, single hyphens; at most 39 characters)."
  }
}

variable "deploy_roles" {
  description = <<-EOT
    Deploy roles GitHub Actions may assume (pipelines.deployRoles for this account). A role trusts
    exactly the workflows of its repository running on one of its branches (sub
    repo:<org>/<repo>:ref:refs/heads/<branch>) or in one of its GitHub environments (sub
    repo:<org>/<repo>:environment:<env>), and, with pull_request, its pull-request workflows (sub
    repo:<org>/<repo>:pull_request). Names without * are matched exactly (StringEquals); a name
    with * (e.g. feature/*) is matched as a pattern (StringLike).

    access decides the role's own policy: deploy gets policy_arns (the caller's choice); publish gets
    push and scan-findings read on its ecr_repositories (in this account and region) and write of
    its artifact_objects (S3 object ARN patterns of release artifacts, e.g. Lambda zips) only; plan gets ReadOnlyAccess, read of the
    Terraform state under state.key_prefix and write of the state lock table.
  EOT
  type = list(object({
    role_name                = string
    repository               = string
    branches                 = optional(list(string), [])
    environments             = optional(list(string), [])
    max_session_duration     = optional(number, 3600)
    policy_arns              = optional(list(string), [])
    permissions_boundary_arn = optional(string)
    access                   = optional(string, "deploy")
    pull_request             = optional(bool, false)
    ecr_repositories         = optional(list(string), [])
    artifact_objects         = optional(list(string), [])
    state = optional(object({
      bucket_arn     = string
      key_prefix     = string
      lock_table_arn = string
      kms_key_arn    = string
    }))
  }))

  validation {
    condition     = alltrue([for r in var.deploy_roles : contains(["deploy", "publish", "plan"], r.access)])
    error_message = "access must be deploy, publish or plan."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : !r.pull_request || r.access == "plan"])
    error_message = "Only a plan role may trust pull requests (pull_request): pull-request code must never deploy or publish."
  }

  validation {
    condition = alltrue([for r in var.deploy_roles : r.access == "deploy" || length([
      for p in r.policy_arns : p if can(regex(":policy/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$", p))
    ]) == 0])
    error_message = "A publish or plan role may not carry an administrator, power-user or IAM-full policy."
  }

  validation {
    condition = alltrue([for r in var.deploy_roles : r.access != "publish" || (
      length(r.ecr_repositories) + length(r.artifact_objects) > 0 && alltrue([for n in r.ecr_repositories : can(regex("^[a-z0-9][a-z0-9._/-]{1,255}$", n))])
    )])
    error_message = "A publish role needs ecr_repositories (the names of the ECR repositories in this account it pushes to), artifact_objects, or both."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : alltrue([for o in r.artifact_objects : r.access == "publish" && can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^*]+/\\*$", o))])])
    error_message = "artifact_objects are for publish roles only, each an S3 object ARN under a key prefix (arn:aws:s3:::<bucket>/<prefix>/*)."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : r.access != "plan" || r.state != null])
    error_message = "A plan role needs state: the state bucket, key prefix, lock table and state key it reads."
  }

  validation {
    condition     = length(var.deploy_roles) > 0 && alltrue([for r in var.deploy_roles : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", r.role_name))])
    error_message = "Give at least one deploy role; role names are 1-64 characters of letters, digits and +=,.@_-."
  }

  validation {
    condition     = length(distinct([for r in var.deploy_roles : r.role_name])) == length(var.deploy_roles)
    error_message = "Deploy role names must be unique."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : can(regex("^[A-Za-z0-9_.-]{1,100}$", r.repository))])
    error_message = "repository must be a repository name without the organization (letters, digits, _ . -)."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : length(r.branches) + length(r.environments) > 0])
    error_message = "Each deploy role must name at least one branch or environment; a role open to every ref is not allowed."
  }

  validation {
    condition = alltrue(flatten([for r in var.deploy_roles : [
      for n in concat(r.branches, r.environments) : can(regex("^[A-Za-z0-9_./*-]{1,255}$", n)) && n != "*" && !startswith(n, "*")
    ]]))
    error_message = "Branches and environments are names of letters, digits and _./- with * only after a fixed prefix (e.g. feature/*), never a bare *."
  }

  validation {
    condition     = alltrue([for r in var.deploy_roles : r.max_session_duration >= 3600 && r.max_session_duration <= 43200])
    error_message = "max_session_duration must be from 3600 to 43200 seconds."
  }

  validation {
    condition = alltrue(flatten([for r in var.deploy_roles : concat(
      [for p in r.policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", p))],
      [r.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", r.permissions_boundary_arn))],
    )]))
    error_message = "policy_arns and permissions_boundary_arn must be IAM policy ARNs."
  }
}
