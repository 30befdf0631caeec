mock_provider "aws" {
  source = "../mocks"

  mock_data "aws_ssoadmin_instances" {
    defaults = {
      arns               = ["arn:aws:sso:::instance/ssoins-1234567890abcdef"]
      identity_store_ids = ["d-1234567890"]
    }
  }
  mock_data "aws_identitystore_group" {
    defaults = { group_id = "90676b2d-0000-1111-2222-333344445555" }
  }
  mock_resource "aws_ssoadmin_permission_set" {
    defaults = { arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000000" }
  }
}

override_resource {
  target = aws_ssoadmin_permission_set.this["Developer"]
  values = { arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-developer000000" }
}

variables {
  name = "allergyhub"
  permission_sets = [
    { name = "PlatformAdministrator", description = "Full administration.", session_hours = 1, managed_policies = ["arn:aws:iam::aws:policy/AdministratorAccess"] },
    { name = "Developer", session_hours = 8, managed_policies = ["arn:aws:iam::aws:policy/PowerUserAccess"] },
    { name = "SecurityAuditor", session_hours = 4, managed_policies = ["arn:aws:iam::aws:policy/SecurityAudit", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"] },
  ]
  account_ids = { management = "111122223333", dev = "222233334444", prod = "333344445555" }
  group_ids   = { aws-developers = "11111111-2222-3333-4444-555555555555" }
  assignments = [
    { group = "aws-platform-admins", permission_set = "PlatformAdministrator", accounts = ["management", "dev", "prod"] },
    { group = "aws-developers", permission_set = "Developer", accounts = ["dev"] },
    { group = "aws-security", permission_set = "SecurityAuditor", accounts = ["prod"] },
  ]
}

run "permission_sets_with_session_length_and_policies" {
  command = apply

  assert {
    condition     = aws_ssoadmin_permission_set.this["PlatformAdministrator"].session_duration == "PT1H" && aws_ssoadmin_permission_set.this["Developer"].session_duration == "PT8H"
    error_message = "session hours become ISO 8601 durations"
  }

  assert {
    condition     = alltrue([for ps in aws_ssoadmin_permission_set.this : ps.instance_arn == "arn:aws:sso:::instance/ssoins-1234567890abcdef"])
    error_message = "the instance is looked up when not given"
  }

  assert {
    condition     = length(aws_ssoadmin_managed_policy_attachment.this) == 4 && aws_ssoadmin_managed_policy_attachment.this["SecurityAuditor/arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"].managed_policy_arn == "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
    error_message = "one attachment per permission set and managed policy"
  }

  assert {
    condition     = aws_ssoadmin_permission_set.this["Developer"].description == "Developer (allergyhub)"
    error_message = "a missing description gets a default"
  }
}

run "groups_are_assigned_per_account_by_name" {
  command = apply

  assert {
    condition     = length(aws_ssoadmin_account_assignment.this) == 5
    error_message = "3 + 1 + 1 assignments"
  }

  assert {
    condition = (
      aws_ssoadmin_account_assignment.this["aws-developers/Developer/dev"].target_id == "222233334444" &&
      aws_ssoadmin_account_assignment.this["aws-developers/Developer/dev"].principal_type == "GROUP" &&
      aws_ssoadmin_account_assignment.this["aws-developers/Developer/dev"].target_type == "AWS_ACCOUNT" &&
      aws_ssoadmin_account_assignment.this["aws-developers/Developer/dev"].permission_set_arn == "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-developer000000"
    )
    error_message = "assignments target the named account with the named permission set"
  }

  assert {
    condition     = aws_ssoadmin_account_assignment.this["aws-developers/Developer/dev"].principal_id == "11111111-2222-3333-4444-555555555555"
    error_message = "a group ID passed in is used without a lookup"
  }

  assert {
    condition     = toset(keys(data.aws_identitystore_group.this)) == toset(["aws-platform-admins", "aws-security"]) && aws_ssoadmin_account_assignment.this["aws-security/SecurityAuditor/prod"].principal_id == "90676b2d-0000-1111-2222-333344445555"
    error_message = "other groups are looked up by display name"
  }

  assert {
    condition     = one(one(data.aws_identitystore_group.this["aws-security"].alternate_identifier).unique_attribute).attribute_path == "DisplayName" && data.aws_identitystore_group.this["aws-security"].identity_store_id == "d-1234567890"
    error_message = "lookup is by DisplayName in the instance's identity store"
  }
}

run "switches_off_for_the_local_emulator" {
  command = plan

  variables {
    enable_permission_sets = false
    enable_assignments     = false
  }

  assert {
    condition     = length(aws_ssoadmin_permission_set.this) == 0 && length(aws_ssoadmin_managed_policy_attachment.this) == 0 && length(aws_ssoadmin_account_assignment.this) == 0
    error_message = "nothing is created with both switches off"
  }

  assert {
    condition     = length(data.aws_ssoadmin_instances.this) == 0 && length(data.aws_identitystore_group.this) == 0
    error_message = "nothing is read from SSO Admin either"
  }
}

run "rejects_bad_sessions_and_unknown_references" {
  command = plan

  variables {
    permission_sets = [
      { name = "Developer", session_hours = 24, managed_policies = ["PowerUserAccess"] },
    ]
  }

  expect_failures = [var.permission_sets]
}

run "rejects_assignments_to_unknown_accounts" {
  command = plan

  variables {
    assignments = [
      { group = "aws-developers", permission_set = "Developer", accounts = ["staging"] },
    ]
  }

  expect_failures = [var.assignments]
}

run "rejects_assignments_without_permission_sets" {
  command = plan

  variables {
    enable_permission_sets = false
  }

  expect_failures = [var.enable_assignments]
}
