provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

module "identity_center" {
  source = "../.."

  name = "allergyhub"
  permission_sets = [
    { name = "PlatformAdministrator", description = "Full administration, one-hour sessions.", session_hours = 1, managed_policies = ["arn:aws:iam::aws:policy/AdministratorAccess"] },
    { name = "ReadOnly", description = "Look but do not touch.", session_hours = 4, managed_policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
  ]
  account_ids = { management = "111122223333", prod = "333344445555" }
  assignments = [
    { group = "aws-platform-admins", permission_set = "PlatformAdministrator", accounts = ["management", "prod"] },
    { group = "aws-developers", permission_set = "ReadOnly", accounts = ["prod"] },
  ]
}

output "permission_set_arns" {
  value = module.identity_center.permission_set_arns
}
