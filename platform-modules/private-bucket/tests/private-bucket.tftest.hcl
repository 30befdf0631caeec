mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-prod-logs" }
  }
}

variables {
  bucket      = "allergyhub-prod-logs"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags        = { Owner = "platform-team" }
}

run "private_versioned_kms_encrypted_and_tls_only_by_default" {
  command = apply

  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.block_public_policy &&
      aws_s3_bucket_public_access_block.this.ignore_public_acls && aws_s3_bucket_public_access_block.this.restrict_public_buckets
    )
    error_message = "all four public access blocks are on"
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs are disabled by default"
  }

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "the bucket is versioned"
  }

  assert {
    condition = (
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].kms_master_key_id == var.kms_key_arn &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled &&
      output.kms_key_arn == var.kms_key_arn
    )
    error_message = "new objects are encrypted with the given key through an S3 bucket key"
  }

  assert {
    condition = (
      jsondecode(output.policy).Statement == [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::allergyhub-prod-logs", "arn:aws:s3:::allergyhub-prod-logs/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }]
    )
    error_message = "the only policy statement denies requests without TLS to the bucket and its objects"
  }

  assert {
    condition = (
      output.lifecycle_rules[0].id == "expire" && length(output.lifecycle_rules[0].expiration) == 0 &&
      output.lifecycle_rules[0].noncurrent_version_expiration[0].noncurrent_days == 7 &&
      output.lifecycle_rules[0].abort_incomplete_multipart_upload[0].days_after_initiation == 1
    )
    error_message = "by default superseded versions expire after 7 days, incomplete uploads after 1, current objects never"
  }

  assert {
    condition     = output.access_log_target == null && length(aws_s3_bucket_logging.this) == 0
    error_message = "no access logging without a target bucket"
  }

  assert {
    condition     = !aws_s3_bucket.this.force_destroy && aws_s3_bucket.this.tags == tomap({ Owner = "platform-team" }) && output.bucket == "allergyhub-prod-logs"
    error_message = "a bucket is not force-destroyed by default and carries the tags"
  }

  assert {
    condition     = !aws_s3_bucket.this.object_lock_enabled && length(aws_s3_bucket_object_lock_configuration.this) == 0 && output.object_lock == null
    error_message = "Object Lock is off by default"
  }
}

run "caller_statements_logging_expiry_and_preferred_ownership" {
  command = apply

  variables {
    object_ownership  = "BucketOwnerPreferred"
    access_log_bucket = "allergyhub-log-archive"
    lifecycle_rule    = { expiration_days = 90, abort_incomplete_multipart_upload_days = 3 }
    policy_statements = [{
      Sid       = "LogDelivery"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::allergyhub-prod-logs/*"
    }]
  }

  assert {
    condition     = [for s in jsondecode(output.policy).Statement : s.Sid] == ["LogDelivery", "DenyInsecureTransport"]
    error_message = "the caller's statements come first, the TLS-only deny last"
  }

  assert {
    condition     = output.access_log_target == { bucket = "allergyhub-log-archive", prefix = "s3/allergyhub-prod-logs/" }
    error_message = "access logs go to the given bucket under s3/<bucket>/"
  }

  assert {
    condition = (
      output.lifecycle_rules[0].expiration[0].days == 90 &&
      output.lifecycle_rules[0].abort_incomplete_multipart_upload[0].days_after_initiation == 3
    )
    error_message = "the lifecycle rule follows the input"
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerPreferred"
    error_message = "ownership follows the input"
  }
}

run "sse_s3_for_services_that_cannot_use_kms" {
  command = plan

  variables {
    sse_algorithm = "AES256"
    kms_key_arn   = null
  }

  assert {
    condition = (
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256" &&
      one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled == null &&
      output.kms_key_arn == null
    )
    error_message = "AES256 uses no key and no bucket key"
  }
}

run "local_emulator_target_drops_tls_policy_and_lifecycle" {
  command = plan

  variables {
    enforce_tls_policy = false
    lifecycle_rule     = null
    force_destroy      = true
    access_log_prefix  = "s3-access/logs/"
    access_log_bucket  = "allergyhub-log-archive"
  }

  assert {
    condition     = length(aws_s3_bucket_policy.this) == 0 && output.policy == null
    error_message = "without the TLS policy and caller statements no bucket policy is attached"
  }

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.this) == 0 && output.lifecycle_rules == []
    error_message = "with lifecycle_rule null no lifecycle configuration is attached"
  }

  assert {
    condition     = aws_s3_bucket.this.force_destroy && aws_s3_bucket_public_access_block.this.block_public_policy
    error_message = "a disposable bucket can be destroyed and stays private"
  }

  assert {
    condition     = aws_s3_bucket_logging.this[0].target_prefix == "s3-access/logs/"
    error_message = "the access log prefix follows the input"
  }
}

run "caller_statements_without_tls_policy" {
  command = plan

  variables {
    enforce_tls_policy = false
    policy_statements  = [{ Sid = "Read", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::allergyhub-prod-logs/*" }]
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s.Sid] == ["Read"]
    error_message = "caller statements are attached on their own when the TLS deny is off"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    bucket            = "Not_A_Bucket"
    object_ownership  = "ObjectWriter"
    sse_algorithm     = "aws:kms:dsse"
    lifecycle_rule    = { noncurrent_version_expiration_days = 0 }
    policy_statements = ["s3:GetObject"]
  }

  expect_failures = [var.bucket, var.object_ownership, var.sse_algorithm, var.lifecycle_rule, var.policy_statements]
}

run "rejects_a_key_with_sse_s3" {
  command = plan

  variables {
    sse_algorithm = "AES256"
  }

  expect_failures = [var.kms_key_arn]
}

run "object_lock_keeps_every_version_for_the_retention" {
  command = apply

  variables {
    object_lock = { retention_days = 365 }
  }

  assert {
    condition     = aws_s3_bucket.this.object_lock_enabled && output.object_lock == { mode = "COMPLIANCE", days = 365 }
    error_message = "Object Lock is enabled at creation and retains new versions in compliance mode for the given days"
  }
}

run "rejects_a_bad_object_lock" {
  command = plan

  variables {
    object_lock = { mode = "LEGAL_HOLD", retention_days = 0 }
  }

  expect_failures = [var.object_lock]
}
