mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-terraform-state" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/allergyhub-terraform-locks" }
  }
}

variables {
  name            = "allergyhub"
  bucket_name     = "allergyhub-terraform-state"
  lock_table_name = "allergyhub-terraform-locks"
  tags            = { Owner = "platform-team" }
}

run "bucket_is_encrypted_with_the_state_key_and_tls_only" {
  command = apply

  assert {
    condition     = module.bucket.bucket == "allergyhub-terraform-state" && module.bucket.kms_key_arn == aws_kms_key.state.arn
    error_message = "the state bucket (a private-bucket: versioned, private, ACLs off) uses SSE-KMS with the module's CMK"
  }

  assert {
    condition     = aws_kms_key.state.enable_key_rotation && aws_kms_key.state.deletion_window_in_days == 30
    error_message = "the CMK rotates and has a 30-day deletion window"
  }

  assert {
    condition = (
      jsondecode(module.bucket.policy).Statement[0].Effect == "Deny" &&
      jsondecode(module.bucket.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false" &&
      jsondecode(module.bucket.policy).Statement[0].Resource == ["arn:aws:s3:::allergyhub-terraform-state", "arn:aws:s3:::allergyhub-terraform-state/*"]
    )
    error_message = "the bucket policy must deny non-TLS requests to the bucket and its objects"
  }

  assert {
    condition = (
      module.bucket.lifecycle_rules[0].id == "expire-noncurrent-state" &&
      module.bucket.lifecycle_rules[0].noncurrent_version_expiration[0].noncurrent_days == 90 &&
      length(module.bucket.lifecycle_rules[0].expiration) == 0 &&
      module.bucket.lifecycle_rules[0].abort_incomplete_multipart_upload[0].days_after_initiation == 7
    )
    error_message = "noncurrent versions expire after the default 90 days; current state never expires"
  }

  assert {
    condition     = module.bucket.access_log_target == null
    error_message = "no access logging without a target bucket"
  }
}

run "lock_table_has_lockid_pitr_and_cmk" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.lock.hash_key == "LockID" && one(aws_dynamodb_table.lock.attribute).type == "S"
    error_message = "Terraform needs a string hash key named LockID"
  }

  assert {
    condition     = aws_dynamodb_table.lock.point_in_time_recovery[0].enabled
    error_message = "point-in-time recovery must be on"
  }

  assert {
    condition     = aws_dynamodb_table.lock.server_side_encryption[0].enabled && aws_dynamodb_table.lock.server_side_encryption[0].kms_key_arn == aws_kms_key.state.arn
    error_message = "the lock table is encrypted with the state CMK"
  }

  assert {
    condition     = output.lock_table_name == "allergyhub-terraform-locks" && output.bucket_arn == "arn:aws:s3:::allergyhub-terraform-state" && output.kms_key_arn == aws_kms_key.state.arn
    error_message = "outputs name the created resources"
  }

  assert {
    condition     = jsondecode(aws_kms_key.state.policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    error_message = "the key policy delegates to this account's IAM, no wildcard principal"
  }
}

run "access_logging_and_disposable_target" {
  command = plan

  variables {
    access_log_bucket                  = "allergyhub-access-logs"
    force_destroy                      = true
    noncurrent_version_expiration_days = 30
  }

  assert {
    condition     = module.bucket.access_log_target == { bucket = "allergyhub-access-logs", prefix = "s3-access/terraform-state/" }
    error_message = "access logs go to the given bucket"
  }

  assert {
    condition     = aws_dynamodb_table.lock.deletion_protection_enabled == false
    error_message = "a disposable target can be destroyed"
  }

  assert {
    condition     = module.bucket.lifecycle_rules[0].noncurrent_version_expiration[0].noncurrent_days == 30
    error_message = "noncurrent expiry follows the input"
  }
}

run "local_emulator_target_drops_the_tls_policy" {
  command = plan

  variables {
    enforce_tls_policy     = false
    enable_lifecycle_rules = false
  }

  assert {
    condition     = module.bucket.lifecycle_rules == []
    error_message = "with enable_lifecycle_rules off the bucket has no lifecycle configuration"
  }

  assert {
    condition     = module.bucket.policy == null
    error_message = "with enforce_tls_policy off no bucket policy is attached"
  }
}

run "rejects_bad_names" {
  command = plan

  variables {
    bucket_name              = "Not_A_Bucket"
    lock_table_name          = "x"
    kms_deletion_window_days = 3
  }

  expect_failures = [var.bucket_name, var.lock_table_name, var.kms_deletion_window_days]
}
