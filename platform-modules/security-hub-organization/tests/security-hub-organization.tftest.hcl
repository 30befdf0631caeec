mock_provider "aws" {
  source = "../mocks"
}

variables {
  member_account_ids = { dev = "333333333333", prod = "444444444444" }
}

run "standards_and_every_account_enrolled" {
  command = apply

  assert {
    condition = output.standards_arns == tolist([
      "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0",
    ])
    error_message = "the hub subscribes to AWS Foundational Security Best Practices and CIS in its own region"
  }

  assert {
    condition = (
      !aws_securityhub_account.this[0].enable_default_standards && aws_securityhub_account.this[0].control_finding_generator == "SECURITY_CONTROL" &&
      aws_securityhub_account.this[0].auto_enable_controls
    )
    error_message = "the standards are chosen explicitly and findings are consolidated per control"
  }

  assert {
    condition = (
      aws_securityhub_organization_configuration.this[0].auto_enable &&
      aws_securityhub_organization_configuration.this[0].auto_enable_standards == "DEFAULT"
    )
    error_message = "accounts that join later are enrolled with the default standards"
  }

  assert {
    condition     = output.member_account_ids == { dev = "333333333333", prod = "444444444444" } && alltrue([for m in aws_securityhub_member.this : !m.invite])
    error_message = "existing accounts are added as members without invitations"
  }
}

run "switched_off_on_the_local_target" {
  command = plan

  variables {
    enable_security_hub = false
  }

  assert {
    condition = (
      length(aws_securityhub_account.this) == 0 && length(aws_securityhub_standards_subscription.this) == 0 &&
      length(aws_securityhub_organization_configuration.this) == 0 && length(aws_securityhub_member.this) == 0 &&
      output.hub_arn == null
    )
    error_message = "switched off, the module makes nothing"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    standards          = ["cis"]
    member_account_ids = { dev = "dev" }
  }

  expect_failures = [var.standards, var.member_account_ids]
}
