mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_organizations_organization" {
    defaults = {
      id                = "o-abcdef1234"
      arn               = "arn:aws:organizations::111122223333:organization/o-abcdef1234"
      master_account_id = "111122223333"
      roots = [{
        id           = "r-ab12"
        arn          = "arn:aws:organizations::111122223333:root/o-abcdef1234/r-ab12"
        name         = "Root"
        policy_types = [{ status = "ENABLED", type = "SERVICE_CONTROL_POLICY" }]
      }]
    }
  }
  mock_resource "aws_organizations_organizational_unit" {
    defaults = { id = "ou-ab12-00000000" }
  }
  mock_resource "aws_organizations_account" {
    defaults = { id = "222233334444" }
  }
  mock_resource "aws_organizations_policy" {
    defaults = { id = "p-0000000000" }
  }
}

override_resource {
  target = aws_organizations_organizational_unit.level1["Workloads"]
  values = { id = "ou-ab12-workload" }
}

override_resource {
  target = aws_organizations_organizational_unit.level1["Infrastructure"]
  values = { id = "ou-ab12-infrastr" }
}

override_resource {
  target = aws_organizations_organizational_unit.level2["NonProd"]
  values = { id = "ou-ab12-nonprod0" }
}

override_resource {
  target = aws_organizations_policy.this["require-imdsv2"]
  values = { id = "p-imdsv2000" }
}

variables {
  name = "allergyhub"
  organizational_units = [
    { name = "Security" },
    { name = "Infrastructure" },
    { name = "Workloads" },
    { name = "NonProd", parent = "Workloads" },
    { name = "Prod", parent = "Workloads" },
  ]
  accounts = [
    { name = "log-archive", email = "aws-log-archive@allergyhub.example", organizational_unit = "Security" },
    { name = "shared-services", email = "aws-shared-services@allergyhub.example", organizational_unit = "Infrastructure" },
    { name = "dev", email = "aws-dev@allergyhub.example", organizational_unit = "NonProd", close_on_deletion = true },
    { name = "prod", email = "aws-prod@allergyhub.example", organizational_unit = "Prod" },
  ]
  service_control_policies = [
    { name = "deny-leave-organization", kind = "deny-leave-organization", attach_to = ["Security", "Infrastructure", "Workloads"] },
    {
      name            = "deny-unapproved-regions"
      kind            = "deny-regions-outside-allowed"
      description     = "Only us-east-1 and us-west-2."
      attach_to       = ["Security", "Infrastructure", "Workloads"]
      allowed_regions = ["us-west-2", "us-east-1"]
      exempt_actions  = ["iam:*", "sts:*", "route53:*"]
    },
    { name = "deny-security-service-changes", kind = "deny-security-service-changes", attach_to = ["Workloads"] },
    { name = "deny-root-user", kind = "deny-root-user", attach_to = ["Workloads"] },
    { name = "deny-iam-users-and-access-keys", kind = "deny-iam-users-and-access-keys", attach_to = ["Workloads"] },
    { name = "require-imdsv2", kind = "require-imdsv2", attach_to = ["Infrastructure", "Workloads"] },
  ]
  tags = { Owner = "platform-team" }
}

run "organization_with_all_features_and_scps_enabled" {
  command = plan

  assert {
    condition     = aws_organizations_organization.this.feature_set == "ALL" && aws_organizations_organization.this.enabled_policy_types == toset(["SERVICE_CONTROL_POLICY"])
    error_message = "organization needs all features and SCPs enabled"
  }

  assert {
    condition     = contains(aws_organizations_organization.this.aws_service_access_principals, "sso.amazonaws.com") && contains(aws_organizations_organization.this.aws_service_access_principals, "ram.amazonaws.com")
    error_message = "Identity Center and RAM need service access"
  }
}

run "ous_nest_by_parent_name_and_accounts_land_in_their_ou" {
  command = apply

  assert {
    condition     = keys(aws_organizations_organizational_unit.level1) == ["Infrastructure", "Security", "Workloads"] && keys(aws_organizations_organizational_unit.level2) == ["NonProd", "Prod"] && length(aws_organizations_organizational_unit.level3) == 0
    error_message = "top-level and nested OUs are split by depth"
  }

  assert {
    condition     = alltrue([for ou in aws_organizations_organizational_unit.level1 : ou.parent_id == "r-ab12"])
    error_message = "top-level OUs hang off the root"
  }

  assert {
    condition     = aws_organizations_organizational_unit.level2["Prod"].parent_id == "ou-ab12-workload"
    error_message = "Prod nests under Workloads"
  }

  assert {
    condition     = aws_organizations_account.this["dev"].parent_id == "ou-ab12-nonprod0" && output.organizational_unit_ids["NonProd"] == "ou-ab12-nonprod0"
    error_message = "accounts are placed in their OU by name"
  }

  assert {
    condition     = aws_organizations_account.this["dev"].close_on_deletion && !aws_organizations_account.this["prod"].close_on_deletion && aws_organizations_account.this["prod"].iam_user_access_to_billing == "DENY" && aws_organizations_account.this["prod"].role_name == "OrganizationAccountAccessRole"
    error_message = "account options and their defaults"
  }

  assert {
    condition     = length(output.account_ids) == 4 && length(output.organizational_unit_ids) == 5 && length(output.policy_ids) == 6
    error_message = "outputs cover every account, OU and policy"
  }
}

run "scps_are_generated_from_their_kind_and_attached_by_ou_name" {
  command = apply

  assert {
    condition     = length(aws_organizations_policy_attachment.this) == 11
    error_message = "one attachment per policy and OU (3+3+1+1+1+2)"
  }

  assert {
    condition     = aws_organizations_policy_attachment.this["require-imdsv2/Infrastructure"].target_id == "ou-ab12-infrastr" && aws_organizations_policy_attachment.this["require-imdsv2/Infrastructure"].policy_id == "p-imdsv2000"
    error_message = "attachments target the named OU"
  }

  assert {
    condition = (
      jsondecode(aws_organizations_policy.this["deny-unapproved-regions"].content).Statement[0].Effect == "Deny" &&
      jsondecode(aws_organizations_policy.this["deny-unapproved-regions"].content).Statement[0].NotAction == ["iam:*", "route53:*", "sts:*"] &&
      jsondecode(aws_organizations_policy.this["deny-unapproved-regions"].content).Statement[0].Condition.StringNotEquals["aws:RequestedRegion"] == ["us-east-1", "us-west-2"]
    )
    error_message = "the region policy denies everything but the exempt actions outside the allowed regions"
  }

  assert {
    condition     = jsondecode(aws_organizations_policy.this["deny-leave-organization"].content).Statement[0].Action == ["organizations:LeaveOrganization"]
    error_message = "deny-leave-organization denies LeaveOrganization"
  }

  assert {
    condition     = jsondecode(aws_organizations_policy.this["deny-root-user"].content).Statement[0].Condition.StringLike["aws:PrincipalArn"] == ["arn:aws:iam::*:root"]
    error_message = "deny-root-user matches the root principal"
  }

  assert {
    condition     = jsondecode(aws_organizations_policy.this["require-imdsv2"].content).Statement[0].Condition.StringNotEquals["ec2:MetadataHttpTokens"] == "required"
    error_message = "require-imdsv2 denies launches without required tokens"
  }

  assert {
    condition     = contains(jsondecode(aws_organizations_policy.this["deny-iam-users-and-access-keys"].content).Statement[0].Action, "iam:CreateAccessKey") && contains(jsondecode(aws_organizations_policy.this["deny-security-service-changes"].content).Statement[0].Action, "cloudtrail:StopLogging")
    error_message = "credential and security-service policies deny the right actions"
  }

  assert {
    condition     = alltrue([for p in aws_organizations_policy.this : p.type == "SERVICE_CONTROL_POLICY" && startswith(p.name, "allergyhub-") && length(p.content) <= 5120])
    error_message = "policies are SCPs, prefixed, and within the 5120-character SCP limit"
  }
}

run "rejects_an_unknown_parent_ou" {
  command = plan

  variables {
    organizational_units = [
      { name = "Workloads" },
      { name = "Prod", parent = "Missing" },
    ]
    accounts                 = []
    service_control_policies = []
  }

  expect_failures = [var.organizational_units]
}

run "rejects_bad_account_email_and_unknown_ou" {
  command = plan

  variables {
    accounts = [
      { name = "prod", email = "not-an-email", organizational_unit = "Nowhere" },
    ]
  }

  expect_failures = [var.accounts]
}

run "rejects_an_unknown_policy_kind" {
  command = plan

  variables {
    service_control_policies = [
      { name = "x", kind = "deny-everything", attach_to = ["Workloads"] },
    ]
  }

  expect_failures = [var.service_control_policies]
}

run "rejects_region_policy_without_regions" {
  command = plan

  variables {
    service_control_policies = [
      { name = "regions", kind = "deny-regions-outside-allowed", attach_to = ["Workloads"] },
    ]
  }

  expect_failures = [var.service_control_policies]
}

run "rejects_nesting_deeper_than_three_levels" {
  command = plan

  variables {
    organizational_units = [
      { name = "A" },
      { name = "B", parent = "A" },
      { name = "C", parent = "B" },
      { name = "D", parent = "C" },
    ]
    accounts                 = []
    service_control_policies = []
  }

  expect_failures = [var.organizational_units]
}
