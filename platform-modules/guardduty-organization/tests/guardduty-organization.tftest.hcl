mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_guardduty_detector" {
    defaults = { id = "12abc34d567e8fa901bc2d34e56789f0" }
  }
}

run "every_member_enrolled_with_the_administrators_protections" {
  command = apply

  assert {
    condition     = aws_guardduty_detector.this.enable && aws_guardduty_detector.this.finding_publishing_frequency == "FIFTEEN_MINUTES"
    error_message = "the administrator's detector is on and publishes every fifteen minutes"
  }

  assert {
    condition     = output.auto_enable_organization_members == "ALL" && aws_guardduty_organization_configuration.this[0].detector_id == output.detector_id
    error_message = "every member account, existing and new, is enrolled"
  }

  assert {
    condition = (
      toset(keys(aws_guardduty_detector_feature.this)) == toset(["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"]) &&
      alltrue([for f in aws_guardduty_detector_feature.this : f.status == "ENABLED"]) &&
      keys(aws_guardduty_organization_configuration_feature.this) == keys(aws_guardduty_detector_feature.this) &&
      alltrue([for f in aws_guardduty_organization_configuration_feature.this : f.auto_enable == "ALL"])
    )
    error_message = "each protection is on for the administrator and for every member"
  }
}

run "without_the_organization_configuration_only_the_administrator_is_protected" {
  command = plan

  variables {
    enable_organization_configuration = false
    protections                       = ["S3_DATA_EVENTS"]
  }

  assert {
    condition = (
      length(aws_guardduty_organization_configuration.this) == 0 && length(aws_guardduty_organization_configuration_feature.this) == 0 &&
      output.auto_enable_organization_members == null && keys(aws_guardduty_detector_feature.this) == ["S3_DATA_EVENTS"]
    )
    error_message = "without the organization configuration only the administrator's own detector and protections are made"
  }
}

run "local_target_keeps_only_the_detector" {
  command = plan

  variables {
    enable_organization_configuration = false
    enable_protections                = false
  }

  assert {
    condition     = length(aws_guardduty_detector_feature.this) == 0 && length(aws_guardduty_organization_configuration_feature.this) == 0 && aws_guardduty_detector.this.enable
    error_message = "with both switches off only the enabled detector is made"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    protections                  = ["MALWARE"]
    finding_publishing_frequency = "DAILY"
  }

  expect_failures = [var.protections, var.finding_publishing_frequency]
}
