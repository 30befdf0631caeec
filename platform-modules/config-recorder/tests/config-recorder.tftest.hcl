mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_iam_service_linked_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig" }
  }
}

variables {
  include_global_resource_types = true
  s3_bucket_name                = "allergyhub-audit-logs"
  kms_key_arn                   = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

run "first_region_records_everything_with_the_service_linked_role" {
  command = apply

  assert {
    condition = (
      length(aws_iam_service_linked_role.config) == 1 && aws_iam_service_linked_role.config[0].aws_service_name == "config.amazonaws.com" &&
      aws_config_configuration_recorder.this.role_arn == output.role_arn &&
      output.role_arn == "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
    )
    error_message = "the first call creates the service-linked role and records with it"
  }

  assert {
    condition = (
      aws_config_configuration_recorder.this.recording_group[0].all_supported &&
      aws_config_configuration_recorder.this.recording_group[0].include_global_resource_types
    )
    error_message = "every supported resource is recorded, global ones included"
  }

  assert {
    condition = (
      aws_config_delivery_channel.this.s3_bucket_name == "allergyhub-audit-logs" && aws_config_delivery_channel.this.s3_key_prefix == "config" &&
      aws_config_delivery_channel.this.s3_kms_key_arn == var.kms_key_arn &&
      aws_config_delivery_channel.this.snapshot_delivery_properties[0].delivery_frequency == "TwentyFour_Hours"
    )
    error_message = "snapshots go to the central bucket under config/, encrypted with its key, daily"
  }

  assert {
    condition     = output.recording && output.recorder_name == "default"
    error_message = "the recorder is switched on"
  }
}

run "other_regions_reuse_the_role_and_skip_global_resources" {
  command = plan

  variables {
    create_service_linked_role    = false
    role_arn                      = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
    include_global_resource_types = false
  }

  assert {
    condition = (
      length(aws_iam_service_linked_role.config) == 0 && aws_config_configuration_recorder.this.role_arn == var.role_arn &&
      !aws_config_configuration_recorder.this.recording_group[0].include_global_resource_types
    )
    error_message = "a second region creates no role and records no global resources a second time"
  }
}

run "a_role_is_given_exactly_when_none_is_created" {
  command = plan

  variables {
    role_arn = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
  }

  expect_failures = [var.role_arn]
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    name                        = "my recorder"
    create_service_linked_role  = false
    role_arn                    = "config-role"
    kms_key_arn                 = "alias/config"
    snapshot_delivery_frequency = "Daily"
  }

  expect_failures = [var.name, var.role_arn, var.kms_key_arn, var.snapshot_delivery_frequency]
}
