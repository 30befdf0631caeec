data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.name
  common_tags = merge(var.tags, { Environment = var.environment })

  log_groups = { for g in var.log_groups : g.name => g }
}

resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338: retention is the spec's choice per environment (observability.logRetentionDays, log_retention_days here): prod keeps a year, dev and staging hold no patient data and keep less
  for_each = local.log_groups

  name              = each.value.name
  retention_in_days = coalesce(each.value.retention_days, var.log_retention_days)
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}
