mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/allergyhub-preview-leases" }
  }
}

variables {
  name       = "allergyhub"
  table_name = "allergyhub-preview-leases"
  tags       = { Owner = "platform-team" }
}

run "table_is_keyed_by_pk_with_pitr_and_cmk" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.leases.hash_key == "pk" && aws_dynamodb_table.leases.billing_mode == "PAY_PER_REQUEST"
    error_message = "the lease table is on-demand and keyed by the string pk"
  }

  assert {
    condition     = aws_dynamodb_table.leases.point_in_time_recovery[0].enabled
    error_message = "point-in-time recovery is on"
  }

  assert {
    condition = (
      aws_dynamodb_table.leases.server_side_encryption[0].enabled &&
      aws_dynamodb_table.leases.server_side_encryption[0].kms_key_arn == aws_kms_key.leases.arn &&
      aws_kms_key.leases.enable_key_rotation
    )
    error_message = "the table is encrypted with the module's rotating CMK"
  }

  assert {
    condition     = aws_dynamodb_table.leases.deletion_protection_enabled && aws_dynamodb_table.leases.tags["Owner"] == "platform-team"
    error_message = "deletion protection is on by default and tags pass through"
  }

  assert {
    condition     = aws_kms_alias.leases.name == "alias/allergyhub-preview-leases"
    error_message = "the key alias is named after the platform"
  }
}

run "force_destroy_turns_off_deletion_protection" {
  command = apply

  variables {
    force_destroy = true
  }

  assert {
    condition     = !aws_dynamodb_table.leases.deletion_protection_enabled
    error_message = "force_destroy turns deletion protection off"
  }
}

run "rejects_a_bad_table_name" {
  command = plan

  variables {
    table_name = "a"
  }

  expect_failures = [var.table_name]
}
