variable "name" {
  description = "Prefix for resource names, e.g. allergyhub-runners."
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

variable "vpc_id" {
  description = "Hub VPC the runners run in (the network-hub module's vpc_id)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the hub VPC, one per availability zone; they reach GitHub through the hub's central egress and AWS through its interface endpoints."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must be one or more subnet IDs (subnet-...)."
  }
}

variable "ami_id" {
  description = "AMI of the runners: Amazon Linux 2023 (the user data uses dnf and the AWS CLI it ships), or an image built from it with the jobs' tools baked in."
  type        = string

  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must be an AMI ID (ami-...)."
  }
}

variable "instance_type" {
  description = "Runner instance type (pipelines.runners.instanceType)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be an EC2 instance type such as t3.large."
  }
}

variable "root_volume_size_gb" {
  description = "Root volume size; holds the runner, the checkout and Terraform's providers for one job."
  type        = number
  default     = 40

  validation {
    condition     = var.root_volume_size_gb >= 8 && var.root_volume_size_gb <= 1024
    error_message = "root_volume_size_gb must be 8 to 1024."
  }
}

variable "min_size" {
  description = "Runners kept waiting for a job (pipelines.runners.minSize); each replaces itself after its one job."
  type        = number

  validation {
    condition     = var.min_size >= 0 && floor(var.min_size) == var.min_size
    error_message = "min_size must be a whole number, 0 or more."
  }
}

variable "max_size" {
  description = "Most runners at once (pipelines.runners.maxSize)."
  type        = number

  validation {
    condition     = var.max_size >= var.min_size && var.max_size >= 1 && floor(var.max_size) == var.max_size
    error_message = "max_size must be a whole number, at least 1 and at least min_size."
  }
}

variable "github_organization" {
  description = "GitHub organization the runners register with (pipelines.githubOrganization)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}$", var.github_organization))
    error_message = "github_organization must be a GitHub organization name."
  }
}

variable "labels" {
  description = "Labels each runner registers with; jobs select the pool with runs-on (pipelines.runners.labels)."
  type        = list(string)

  validation {
    condition     = length(var.labels) > 0 && alltrue([for l in var.labels : can(regex("^[A-Za-z0-9._-]+$", l))])
    error_message = "labels must be one or more labels of letters, digits, dots, underscores and hyphens."
  }
}

variable "registration_secret_name" {
  description = "Name of the Secrets Manager secret the module creates empty; an operator stores in it a GitHub token allowed only to manage the organization's self-hosted runners, which each runner exchanges at boot for a one-hour registration token (pipelines.runners.registrationSecret)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", var.registration_secret_name))
    error_message = "registration_secret_name must be a Secrets Manager name (letters, digits and /_+=.@-)."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted registration secret can be restored; 0 deletes it at once (disposable local targets only)."
  type        = number
  default     = 30

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or 7 to 30."
  }
}

variable "runner_version" {
  description = "Version of the GitHub Actions runner the user data installs (github.com/actions/runner releases)."
  type        = string
  default     = "2.319.0"

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.runner_version))
    error_message = "runner_version must be a version such as 2.319.0."
  }
}

variable "runner_sha256" {
  description = "SHA-256 of actions-runner-linux-x64-<runner_version>.tar.gz as the release lists it; the user data refuses any other download."
  type        = string
  default     = "52b8f9c5abb1a47cc506185a1a20ecea19daf0d94bbf4ddde7e617e7be109b14"

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.runner_sha256))
    error_message = "runner_sha256 must be 64 lower-case hex digits."
  }
}

variable "create_autoscaling_service_linked_role" {
  description = "Create the EC2 Auto Scaling service-linked role, which the key policy names so the group can launch instances with volumes encrypted by the runners' key. Off when the account already has it."
  type        = bool
  default     = true
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the runners' key is deleted."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be 7 to 30."
  }
}
