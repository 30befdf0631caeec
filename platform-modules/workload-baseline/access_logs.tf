# The load balancer's access-log bucket, when none is given: private, versioned, TLS-only, with the
# delivery policy Elastic Load Balancing needs. ELB writes access logs with SSE-S3 only (it cannot
# use a KMS key), so this bucket is the one place the module does not use the environment key.

data "aws_caller_identity" "current" {}

# The regional Elastic Load Balancing account that delivers logs in regions opened before 2022.
data "aws_elb_service_account" "current" {}

locals {
  create_alb_logs_bucket = var.enable_load_balancer && var.alb_access_logs_bucket == null
  alb_logs_bucket_name   = "${var.name}-alb-logs-${data.aws_caller_identity.current.account_id}"
  alb_logs_prefix        = "alb/${var.name}"
  alb_access_logs_bucket = local.create_alb_logs_bucket ? one(aws_s3_bucket.alb_logs[*].bucket) : var.alb_access_logs_bucket
}

resource "aws_s3_bucket" "alb_logs" {
  # checkov:skip=CKV_AWS_18: this bucket holds access logs; logging its own access would log into itself
  # checkov:skip=CKV_AWS_144: access logs of one environment's load balancer; the region's loss loses only recent log files, not worth a replica
  # checkov:skip=CKV_AWS_145: Elastic Load Balancing delivers access logs with SSE-S3 only; a KMS-encrypted bucket refuses its writes
  # checkov:skip=CKV2_AWS_62: nothing consumes events from the log bucket
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = local.alb_logs_bucket_name
  tags   = merge(local.common_tags, { Name = local.alb_logs_bucket_name })
}

resource "aws_s3_bucket_ownership_controls" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.alb_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = var.alb_access_log_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 7
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "alb_logs" {
  count = local.create_alb_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Regions opened before August 2022 deliver from the regional ELB account.
        Sid       = "ElbRegionalAccountDelivery"
        Effect    = "Allow"
        Principal = { AWS = data.aws_elb_service_account.current.arn }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.alb_logs[0].arn}/${local.alb_logs_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
      },
      {
        # Newer regions deliver through the log delivery service principal.
        Sid       = "ElbServiceDelivery"
        Effect    = "Allow"
        Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.alb_logs[0].arn}/${local.alb_logs_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.alb_logs[0].arn, "${aws_s3_bucket.alb_logs[0].arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.alb_logs]
}
