mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-audit-logs" }
  }
}

variables {
  name            = "allergyhub"
  bucket_name     = "allergyhub-audit-logs"
  organization_id = "o-abcd123456"
  trail_arn       = "arn:aws:cloudtrail:us-east-1:111111111111:trail/allergyhub-organization"
}

run "object_locked_encrypted_and_open_only_to_the_trail_and_config" {
  command = apply

  assert {
    condition     = output.object_lock == { mode = "COMPLIANCE", days = 365 }
    error_message = "logs are locked in compliance mode for a year by default"
  }

  assert {
    condition     = aws_kms_key.audit_logs.enable_key_rotation && output.kms_key_arn == aws_kms_key.audit_logs.arn && module.bucket.kms_key_arn == aws_kms_key.audit_logs.arn
    error_message = "the bucket is encrypted with the module's own rotating key"
  }

  assert {
    condition = (
      [for s in jsondecode(output.bucket_policy).Statement : s.Sid] ==
      ["CloudTrailChecksBucketAcl", "CloudTrailWritesOrganizationTrail", "ConfigChecksBucket", "ConfigDeliversOrganizationSnapshots", "DenyInsecureTransport"]
    )
    error_message = "the bucket policy grants the trail and Config, then denies requests without TLS"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[1].Resource == [
        "arn:aws:s3:::allergyhub-audit-logs/AWSLogs/111111111111/*",
        "arn:aws:s3:::allergyhub-audit-logs/AWSLogs/o-abcd123456/*",
      ] &&
      jsondecode(output.bucket_policy).Statement[1].Condition.StringEquals["aws:SourceArn"] == var.trail_arn
    )
    error_message = "only the named trail writes, under the management account's and the organization's prefixes"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[3].Resource == "arn:aws:s3:::allergyhub-audit-logs/config/AWSLogs/*" &&
      jsondecode(output.bucket_policy).Statement[3].Condition.StringEquals["aws:SourceOrgID"] == "o-abcd123456"
    )
    error_message = "Config writes only under its prefix and only for accounts of the organization"
  }

  assert {
    condition = (
      [for s in output.key_policy.Statement : s.Sid] ==
      ["AccountAdministration", "CloudTrailEncryptsOrganizationTrailLogs", "CloudTrailDescribesKey", "ConfigEncryptsOrganizationSnapshots"] &&
      output.key_policy.Statement[1].Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"] == "arn:aws:cloudtrail:*:111111111111:trail/*"
    )
    error_message = "the key policy lets CloudTrail encrypt for the management account's trails and Config for the organization"
  }

  assert {
    condition = (
      module.bucket.lifecycle_rules[0].expiration[0].days == 365 &&
      module.bucket.lifecycle_rules[0].noncurrent_version_expiration[0].noncurrent_days == 1
    )
    error_message = "logs expire only once their lock has run out"
  }
}

run "longer_retention_and_local_target_switches" {
  command = plan

  variables {
    retention_days         = 2190
    object_lock_mode       = "GOVERNANCE"
    enable_lifecycle_rules = false
    enforce_tls_policy     = false
    force_destroy          = true
  }

  assert {
    condition     = output.object_lock == { mode = "GOVERNANCE", days = 2190 }
    error_message = "the lock follows the inputs"
  }

  assert {
    condition     = module.bucket.lifecycle_rules == [] && !strcontains(module.bucket.policy, "DenyInsecureTransport")
    error_message = "the local target drops the lifecycle rule and the TLS-only deny but keeps the service grants"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    organization_id   = "123456789012"
    trail_arn         = "arn:aws:s3:::not-a-trail"
    retention_days    = 30
    object_lock_mode  = "LEGAL_HOLD"
    config_key_prefix = "/config/"
  }

  expect_failures = [var.organization_id, var.trail_arn, var.retention_days, var.object_lock_mode, var.config_key_prefix]
}
