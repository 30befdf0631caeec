locals {
  access_log_prefix = coalesce(var.access_log_prefix, "s3/${var.bucket}/")

  deny_insecure_transport = {
    Sid       = "DenyInsecureTransport"
    Effect    = "Deny"
    Principal = "*"
    Action    = "s3:*"
    Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
    Condition = { Bool = { "aws:SecureTransport" = "false" } }
  }
  # The caller's statements first, the TLS-only deny last.
  policy_statements = concat(var.policy_statements, [for s in [local.deny_insecure_transport] : s if var.enforce_tls_policy])
  attach_policy     = var.enforce_tls_policy || length(var.policy_statements) > 0
}

# The skips below hold for every bucket this module makes; checks that depend on the caller's
# inputs (encryption, ACLs, access logging) are reasoned per input.
resource "aws_s3_bucket" "this" {
  # checkov:skip=CKV_AWS_144: the callers' buckets hold logs and Terraform state in one writer region; versioning and the callers' own copies (CloudWatch Logs, the log-archive account) cover recovery, so cross-region replication is not warranted
  # checkov:skip=CKV2_AWS_62: nothing consumes events from these buckets; access is audited through CloudTrail and access logs
  # checkov:skip=CKV_AWS_18: access logging is configured by aws_s3_bucket_logging when access_log_bucket is given; a bucket that itself receives access logs (load balancer logs) or exists before the log-archive bucket has none
  # checkov:skip=CKV_AWS_145: SSE-KMS with the caller's key unless the caller sets sse_algorithm AES256, which only log buckets written by a service that cannot use KMS (Elastic Load Balancing access logs) and release-artifact buckets written from another account (artifact-bucket, ADR 0023) do
  bucket              = var.bucket
  force_destroy       = var.force_destroy
  object_lock_enabled = var.object_lock != null
  tags                = var.tags
}

# Write once, read many: every new object version is kept from deletion and overwrite for the
# default retention (audit logs). Object Lock can only be switched on when the bucket is created.
resource "aws_s3_bucket_object_lock_configuration" "this" {
  count  = var.object_lock == null ? 0 : 1
  bucket = aws_s3_bucket.this.id

  rule {
    default_retention {
      mode = var.object_lock.mode
      days = var.object_lock.retention_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_ownership_controls" "this" {
  # checkov:skip=CKV2_AWS_65: ACLs are disabled (BucketOwnerEnforced) unless the caller asks for BucketOwnerPreferred, which only CloudFront standard logging needs (it grants its log delivery account through an ACL); public access stays blocked either way
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = var.object_ownership
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.sse_algorithm == "aws:kms" ? true : null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = var.lifecycle_rule == null ? 0 : 1
  bucket = aws_s3_bucket.this.id

  rule {
    id     = var.lifecycle_rule.id
    status = "Enabled"
    filter {}
    dynamic "expiration" {
      for_each = var.lifecycle_rule.expiration_days == null ? [] : [var.lifecycle_rule.expiration_days]
      content {
        days = expiration.value
      }
    }
    noncurrent_version_expiration {
      noncurrent_days = var.lifecycle_rule.noncurrent_version_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = var.lifecycle_rule.abort_incomplete_multipart_upload_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_logging" "this" {
  count         = var.access_log_bucket == null ? 0 : 1
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_log_bucket
  target_prefix = local.access_log_prefix
}

resource "aws_s3_bucket_policy" "this" {
  count = local.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.policy_statements
  })

  depends_on = [aws_s3_bucket_public_access_block.this]
}
