data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition = data.aws_partition.current.partition
  # Known before the bucket exists, so the policy statements need no reference back to it.
  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  # The organization trail lives in the management account, the account of its ARN.
  management_account_id = split(":", var.trail_arn)[4]

  trail_only = { StringEquals = { "aws:SourceArn" = var.trail_arn } }
  org_only   = { StringEquals = { "aws:SourceOrgID" = var.organization_id } }

  key_statements = [
    {
      Sid       = "CloudTrailEncryptsOrganizationTrailLogs"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "kms:GenerateDataKey*"
      Resource  = "*"
      Condition = merge(local.trail_only, {
        StringLike = { "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:${local.partition}:cloudtrail:*:${local.management_account_id}:trail/*" }
      })
    },
    {
      Sid       = "CloudTrailDescribesKey"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "kms:DescribeKey"
      Resource  = "*"
      Condition = local.trail_only
    },
    {
      Sid       = "ConfigEncryptsOrganizationSnapshots"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = local.org_only
    },
  ]

  bucket_statements = [
    {
      Sid       = "CloudTrailChecksBucketAcl"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:GetBucketAcl"
      Resource  = local.bucket_arn
      Condition = local.trail_only
    },
    {
      # An organization trail writes the management account's logs under its own ID and every
      # member's under the organization ID.
      Sid       = "CloudTrailWritesOrganizationTrail"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource = [
        "${local.bucket_arn}/AWSLogs/${local.management_account_id}/*",
        "${local.bucket_arn}/AWSLogs/${var.organization_id}/*",
      ]
      Condition = { StringEquals = { "aws:SourceArn" = var.trail_arn, "s3:x-amz-acl" = "bucket-owner-full-control" } }
    },
    {
      Sid       = "ConfigChecksBucket"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = ["s3:GetBucketAcl", "s3:ListBucket"]
      Resource  = local.bucket_arn
      Condition = local.org_only
    },
    {
      Sid       = "ConfigDeliversOrganizationSnapshots"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/${var.config_key_prefix}/AWSLogs/*"
      Condition = { StringEquals = { "aws:SourceOrgID" = var.organization_id, "s3:x-amz-acl" = "bucket-owner-full-control" } }
    },
  ]
}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = local.partition
  statements = local.key_statements
}

resource "aws_kms_key" "audit_logs" {
  description             = "${var.name}: CloudTrail and AWS Config logs of the organization"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.key_policy.json
  tags                    = merge(var.tags, { Name = "${var.name}-audit-logs" })
}

resource "aws_kms_alias" "audit_logs" {
  name          = "alias/${var.name}-audit-logs"
  target_key_id = aws_kms_key.audit_logs.key_id
}

module "bucket" {
  source = "../private-bucket"

  bucket             = var.bucket_name
  tags               = var.tags
  kms_key_arn        = aws_kms_key.audit_logs.arn
  force_destroy      = var.force_destroy
  access_log_bucket  = var.access_log_bucket
  enforce_tls_policy = var.enforce_tls_policy
  policy_statements  = local.bucket_statements
  object_lock        = { mode = var.object_lock_mode, retention_days = var.retention_days }
  # A log is deleted only once its lock has run out: the current version expires after the
  # retention, and the version it leaves behind a day later.
  lifecycle_rule = var.enable_lifecycle_rules ? { id = "expire-after-retention", expiration_days = var.retention_days, noncurrent_version_expiration_days = 1 } : null
}
