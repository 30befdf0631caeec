data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id     = data.aws_caller_identity.current.account_id
  partition      = data.aws_partition.current.partition
  region         = data.aws_region.current.name
  log_group_name = "/aws/cloudtrail/${var.name}"
  # Known before the trail exists: the CloudWatch Logs role trusts exactly this trail.
  trail_arn = "arn:${local.partition}:cloudtrail:${local.region}:${local.account_id}:trail/${var.name}"
}

# The trail's copy in CloudWatch Logs, for metric filters and alarms on API activity (CIS 4.x).
module "log_group_key_policy" {
  source = "../kms-key-policy"

  account_id           = local.account_id
  partition            = local.partition
  cloudwatch_log_group = { name = local.log_group_name, region = local.region }
}

resource "aws_kms_key" "log_group" {
  description             = "${var.name}: CloudWatch Logs copy of the organization trail"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.log_group_key_policy.json
  tags                    = merge(var.tags, { Name = "${var.name}-trail-log-group" })
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.log_group.arn
  tags              = var.tags
}

resource "aws_iam_role" "cloudwatch_logs" {
  name = "${var.name}-cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
  tags = var.tags
}

# Least privilege: write streams and events into this one log group, nothing else.
resource "aws_iam_role_policy" "cloudwatch_logs" {
  name = "write-trail-events"
  role = aws_iam_role.cloudwatch_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:log-stream:*"
    }]
  })
}

resource "aws_cloudtrail" "this" {
  # checkov:skip=CKV_AWS_252: no SNS notification per delivered log file; the CloudWatch Logs copy drives alerting, and a topic per file adds noise, not evidence
  name                          = var.name
  s3_bucket_name                = var.s3_bucket_name
  s3_key_prefix                 = var.s3_key_prefix
  kms_key_id                    = var.kms_key_arn
  is_organization_trail         = var.is_organization_trail
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.cloudwatch_logs.arn
  tags                          = var.tags

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }

  depends_on = [aws_iam_role_policy.cloudwatch_logs]
}
