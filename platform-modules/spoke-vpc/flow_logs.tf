data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  flow_log_group_name = "/vpc/${var.name}/flow-logs"
  account_id          = data.aws_caller_identity.current.account_id
  partition           = data.aws_partition.current.partition
  flow_log_kms_key    = var.flow_log_kms_key_arn != null ? var.flow_log_kms_key_arn : aws_kms_key.flow_logs[0].arn
}

resource "aws_kms_key" "flow_logs" {
  count                   = var.flow_log_kms_key_arn == null ? 1 : 0
  description             = "VPC flow logs of ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.flow_logs_key_policy.json
  tags                    = merge(var.tags, { Name = "${var.name}-flow-logs" })
}

module "flow_logs_key_policy" {
  source = "../kms-key-policy"

  account_id           = local.account_id
  partition            = local.partition
  cloudwatch_log_group = { name = local.flow_log_group_name, region = data.aws_region.current.name }
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = local.flow_log_group_name
  retention_in_days = var.flow_log_retention_days
  kms_key_id        = local.flow_log_kms_key
  tags              = var.tags
}

resource "aws_iam_role" "flow_logs" {
  name = "${var.name}-vpc-flow-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "vpc-flow-logs.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
  tags = var.tags
}

# Least privilege: write streams and events into this one log group, nothing else.
resource "aws_iam_role_policy" "flow_logs" {
  name = "write-flow-logs"
  role = aws_iam_role.flow_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
        Resource = [aws_cloudwatch_log_group.flow_logs.arn, "${aws_cloudwatch_log_group.flow_logs.arn}:*"]
      },
    ]
  })
}

resource "aws_flow_log" "this" {
  vpc_id                   = aws_vpc.this.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60
  tags                     = merge(var.tags, { Name = var.name })
}
