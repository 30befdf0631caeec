provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

module "organization" {
  source = "../.."

  name = "allergyhub"
  organizational_units = [
    { name = "Security" },
    { name = "Workloads" },
    { name = "Prod", parent = "Workloads" },
  ]
  accounts = [
    { name = "audit", email = "aws-audit@allergyhub.example", organizational_unit = "Security" },
    { name = "prod", email = "aws-prod@allergyhub.example", organizational_unit = "Prod" },
  ]
  service_control_policies = [
    { name = "deny-leave-organization", kind = "deny-leave-organization", attach_to = ["Security", "Workloads"] },
    {
      name            = "deny-unapproved-regions"
      kind            = "deny-regions-outside-allowed"
      attach_to       = ["Workloads"]
      allowed_regions = ["us-east-1", "us-west-2"]
      exempt_actions  = ["iam:*", "organizations:*", "sts:*"]
    },
  ]
}

output "account_ids" {
  value = module.organization.account_ids
}
