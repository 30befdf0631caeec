mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "111122223333" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:111122223333:key/0d6a3c1e-1111-2222-3333-444455556666" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-terraform-state" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:us-east-1:111122223333:table/allergyhub-terraform-locks" }
  }
}

variables {
  name            = "allergyhub"
  bucket_name     = "allergyhub-terraform-state"
  lock_table_name = "allergyhub-terraform-locks"
  tags            = { Owner = "platform-team" }
}

run "bucket_is_versioned_encrypted_private_and_tls_only" {
  command = apply

  assert {
    condition     = aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled"
    error_message = "state bucket must be versioned"
  }

  assert {
    condition = (
      one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" &&
      one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default[0].kms_master_key_id == aws_kms_key.state.arn
    )
    error_message = "state bucket must use SSE-KMS with the module's CMK"
  }

  assert {
    condition     = aws_kms_key.state.enable_key_rotation && aws_kms_key.state.deletion_window_in_days == 30
    error_message = "the CMK rotates and has a 30-day deletion window"
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.state.block_public_acls && aws_s3_bucket_public_access_block.state.block_public_policy &&
      aws_s3_bucket_public_access_block.state.ignore_public_acls && aws_s3_bucket_public_access_block.state.restrict_public_buckets
    )
    error_message = "all four public access blocks must be on"
  }

  assert {
    condition = (
      jsondecode(aws_s3_bucket_policy.state[0].policy).Statement[0].Effect == "Deny" &&
      jsondecode(aws_s3_bucket_policy.state[0].policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false" &&
      jsondecode(aws_s3_bucket_policy.state[0].policy).Statement[0].Resource == ["arn:aws:s3:::allergyhub-terraform-state", "arn:aws:s3:::allergyhub-terraform-state/*"]
    )
    error_message = "the bucket policy must deny non-TLS requests to the bucket and its objects"
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.state.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs are disabled through BucketOwnerEnforced"
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.state[0].rule[0].noncurrent_version_expiration[0].noncurrent_days == 90
    error_message = "noncurrent versions expire after the default 90 days"
  }

  assert {
    condition     = length(aws_s3_bucket_logging.state) == 0
    error_message = "no access logging without a target bucket"
  }

  assert {
    condition     = aws_s3_bucket.state.force_destroy == false && aws_s3_bucket.state.tags.Owner == "platform-team"
    error_message = "a real state bucket is never force-destroyed and carries the tags"
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
    condition     = jsondecode(aws_kms_key.state.policy).Statement[0].Principal.AWS == "arn:aws:iam::111122223333:root"
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
    condition     = aws_s3_bucket_logging.state[0].target_bucket == "allergyhub-access-logs" && aws_s3_bucket_logging.state[0].target_prefix == "s3-access/terraform-state/"
    error_message = "access logs go to the given bucket"
  }

  assert {
    condition     = aws_s3_bucket.state.force_destroy && aws_dynamodb_table.lock.deletion_protection_enabled == false
    error_message = "a disposable target can be destroyed"
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.state[0].rule[0].noncurrent_version_expiration[0].noncurrent_days == 30
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
    condition     = length(aws_s3_bucket_lifecycle_configuration.state) == 0
    error_message = "with enable_lifecycle_rules off the bucket has no lifecycle configuration"
  }

  assert {
    condition     = length(aws_s3_bucket_policy.state) == 0
    error_message = "with enforce_tls_policy off no bucket policy is attached"
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.state.block_public_policy && aws_s3_bucket_public_access_block.state.restrict_public_buckets
    error_message = "public access stays blocked without the policy"
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
