data "aws_partition" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  # The publishers live in another account (the registry's) and are made by a later stack: see
  # role-principals.
  publisher_accounts = module.publishers.accounts
  only_publishers    = module.publishers.condition
  prefixes           = [for p in var.key_prefixes : "${local.bucket_arn}/${p}/*"]

  grant_statements = [
    {
      Sid       = "PublishersWriteAndReadTheirArtifacts"
      Effect    = "Allow"
      Principal = { AWS = local.publisher_accounts }
      Action    = ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"]
      Resource  = local.prefixes
      Condition = local.only_publishers
    },
  ]

  # A deployed function's code is whatever version the plan read: only the publishers add versions,
  # and no one but the bucket's account deletes them (a rollback needs the old version).
  deny_other_writers = {
    Sid       = "DenyWritesByAnyoneButThePublishers"
    Effect    = "Deny"
    Principal = "*"
    Action    = "s3:PutObject"
    Resource  = "${local.bucket_arn}/*"
    Condition = module.publishers.other_principals_condition
  }
}

module "publishers" {
  source = "../role-principals"

  role_arns = var.publisher_role_arns
  partition = local.partition
}

module "bucket" {
  source = "../private-bucket"

  bucket             = var.bucket_name
  tags               = var.tags
  force_destroy      = var.force_destroy
  access_log_bucket  = var.access_log_bucket
  enforce_tls_policy = var.enforce_tls_policy
  # SSE-S3: the writers are in another account, and a release zip holds no data of patients or
  # secrets; with a customer key every publisher and every function's deploy role would need its
  # own grant in the key policy (docs/adr/0023-release-artifacts-for-lambda.md).
  sse_algorithm     = "AES256"
  policy_statements = concat(local.grant_statements, var.enforce_publisher_policy ? [local.deny_other_writers] : [])
  # Old versions stay for rollbacks, then go; a current version (the deployed code) never expires.
  lifecycle_rule = var.enable_lifecycle_rules ? { id = "expire-superseded-artifacts", noncurrent_version_expiration_days = var.noncurrent_version_expiration_days } : null
}
