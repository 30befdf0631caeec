data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  # The writers live in other accounts and are made by later stacks: see role-principals.
  writer_accounts = module.writers.accounts
  only_writers    = module.writers.condition

  key_statements = [
    {
      Sid       = "DeployRolesEncryptChangeRecordsThroughS3"
      Effect    = "Allow"
      Principal = { AWS = local.writer_accounts }
      Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource  = "*"
      Condition = merge(local.only_writers, { StringEquals = { "kms:ViaService" = "s3.${var.region}.amazonaws.com" } })
    },
  ]

  grant_statements = [
    {
      Sid       = "DeployRolesAppendAndReadChangeRecords"
      Effect    = "Allow"
      Principal = { AWS = local.writer_accounts }
      Action    = ["s3:PutObject", "s3:GetObject", "s3:GetObjectRetention"]
      Resource  = "${local.bucket_arn}/${var.key_prefix}/*"
      Condition = local.only_writers
    },
    {
      Sid       = "DeployRolesListChangeRecords"
      Effect    = "Allow"
      Principal = { AWS = local.writer_accounts }
      Action    = "s3:ListBucket"
      Resource  = local.bucket_arn
      Condition = local.only_writers
    },
  ]

  # Whatever IAM policies the bucket's own account grants, only the deploy roles write records.
  deny_other_writers = {
    Sid       = "DenyWritesByAnyoneButTheDeployRoles"
    Effect    = "Deny"
    Principal = "*"
    Action    = "s3:PutObject"
    Resource  = "${local.bucket_arn}/*"
    Condition = module.writers.other_principals_condition
  }
}

module "writers" {
  source = "../role-principals"

  role_arns = var.writer_role_arns
  partition = local.partition
}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = local.partition
  statements = local.key_statements
}

resource "aws_kms_key" "change_log" {
  description             = "${var.name}: change-management records of the pipelines' applies"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.key_policy.json
  tags                    = merge(var.tags, { Name = "${var.name}-change-log" })
}

resource "aws_kms_alias" "change_log" {
  name          = "alias/${var.name}-change-log"
  target_key_id = aws_kms_key.change_log.key_id
}

module "bucket" {
  source = "../private-bucket"

  bucket             = var.bucket_name
  tags               = var.tags
  kms_key_arn        = aws_kms_key.change_log.arn
  force_destroy      = var.force_destroy
  access_log_bucket  = var.access_log_bucket
  enforce_tls_policy = var.enforce_tls_policy
  policy_statements  = concat(local.grant_statements, var.enforce_writer_policy ? [local.deny_other_writers] : [])
  # Compliance mode: no one, the root user included, shortens a record's retention or deletes it early.
  object_lock = { mode = "COMPLIANCE", retention_days = var.retention_days }
  # A record goes only once its lock has run out; the version it leaves behind a day later.
  lifecycle_rule = var.enable_lifecycle_rules ? { id = "expire-after-retention", expiration_days = var.retention_days, noncurrent_version_expiration_days = 1 } : null
}
