mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/allergyhub-organization" }
  }

  mock_resource "aws_cloudtrail" {
    defaults = { arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/allergyhub-organization" }
  }
}

variables {
  name           = "allergyhub-organization"
  s3_bucket_name = "allergyhub-audit-logs"
  kms_key_arn    = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

run "organization_trail_in_every_region_validated_and_encrypted" {
  command = apply

  assert {
    condition = (
      aws_cloudtrail.this.is_organization_trail && aws_cloudtrail.this.is_multi_region_trail &&
      aws_cloudtrail.this.include_global_service_events && aws_cloudtrail.this.enable_log_file_validation &&
      aws_cloudtrail.this.enable_logging
    )
    error_message = "the trail logs the whole organization in every region, with digest files for validation"
  }

  assert {
    condition     = aws_cloudtrail.this.kms_key_id == var.kms_key_arn && aws_cloudtrail.this.s3_bucket_name == "allergyhub-audit-logs"
    error_message = "log files go to the archive bucket, encrypted with its key"
  }

  assert {
    condition = (
      aws_cloudtrail.this.event_selector[0].read_write_type == "All" && aws_cloudtrail.this.event_selector[0].include_management_events
    )
    error_message = "every management event, read and write, is logged"
  }

  assert {
    condition = (
      aws_cloudtrail.this.cloud_watch_logs_group_arn == "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/allergyhub-organization:*" &&
      aws_cloudtrail.this.cloud_watch_logs_role_arn == aws_iam_role.cloudwatch_logs.arn &&
      output.log_group_name == "/aws/cloudtrail/allergyhub-organization"
    )
    error_message = "the trail also delivers to its CloudWatch Logs group through its role"
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.trail.retention_in_days == 365 && aws_cloudwatch_log_group.trail.kms_key_id == aws_kms_key.log_group.arn &&
      aws_kms_key.log_group.enable_key_rotation
    )
    error_message = "the log group keeps a year and is encrypted with its own rotating key"
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.cloudwatch_logs.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceArn"] ==
      "arn:aws:cloudtrail:us-east-1:123456789012:trail/allergyhub-organization"
    )
    error_message = "only this trail may assume the log delivery role"
  }

  assert {
    condition = (
      jsondecode(aws_iam_role_policy.cloudwatch_logs.policy).Statement[0].Resource ==
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/allergyhub-organization:log-stream:*" &&
      jsondecode(aws_iam_role_policy.cloudwatch_logs.policy).Statement[0].Action == ["logs:CreateLogStream", "logs:PutLogEvents"]
    )
    error_message = "the role writes only into the trail's log group"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    name               = "Org Trail"
    s3_bucket_name     = "Bad_Bucket"
    kms_key_arn        = "alias/aws/s3"
    log_retention_days = 90
  }

  expect_failures = [var.name, var.s3_bucket_name, var.kms_key_arn, var.log_retention_days]
}
