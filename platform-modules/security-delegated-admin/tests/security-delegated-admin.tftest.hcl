mock_provider "aws" {
  source = "../mocks"
}

variables {
  admin_account_id                = "555555555555"
  organization_service_principals = ["access-analyzer.amazonaws.com", "config.amazonaws.com"]
}

run "every_security_service_run_from_the_audit_account" {
  command = apply

  assert {
    condition = (
      aws_guardduty_organization_admin_account.this[0].admin_account_id == "555555555555" &&
      aws_securityhub_organization_admin_account.this[0].admin_account_id == "555555555555" &&
      alltrue([for d in aws_organizations_delegated_administrator.this : d.account_id == "555555555555"])
    )
    error_message = "GuardDuty, Security Hub and the Organizations-registered services are all delegated to the one account"
  }

  assert {
    condition = output.delegated_services == tolist([
      "access-analyzer.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com",
    ])
    error_message = "the output names every delegated service"
  }
}

run "a_second_region_delegates_only_the_regional_services" {
  command = plan

  variables {
    organization_service_principals = []
  }

  assert {
    condition     = length(aws_organizations_delegated_administrator.this) == 0 && length(aws_guardduty_organization_admin_account.this) == 1
    error_message = "the global registrations are made once, the regional designations in every call"
  }
}

run "local_target_keeps_the_organizations_registrations" {
  command = plan

  variables {
    enable_guardduty    = false
    enable_security_hub = false
  }

  assert {
    condition = (
      length(aws_guardduty_organization_admin_account.this) == 0 && length(aws_securityhub_organization_admin_account.this) == 0 &&
      length(aws_organizations_delegated_administrator.this) == 2
    )
    error_message = "switching GuardDuty and Security Hub off leaves the Organizations registrations"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    admin_account_id                = "audit"
    organization_service_principals = ["config"]
  }

  expect_failures = [var.admin_account_id, var.organization_service_principals]
}
