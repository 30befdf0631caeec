# Log shipping: every log group -> subscription filter -> Firehose -> OpenSearch (or S3 when the
# domain is switched off), with an encrypted S3 bucket for failed deliveries.

locals {
  pipeline          = var.enable_log_pipeline
  to_opensearch     = var.enable_log_pipeline && var.enable_opensearch
  firehose_name     = "${var.name}-logs"
  firehose_arn      = local.to_opensearch ? one(aws_kinesis_firehose_delivery_stream.opensearch[*].arn) : one(aws_kinesis_firehose_delivery_stream.s3[*].arn)
  backup_bucket     = "${var.name}-log-backup-${local.account_id}"
  opensearch_arn    = "arn:${local.partition}:es:${local.region}:${local.account_id}:domain/${var.opensearch_domain_name}"
  firehose_log_grp  = "/aws/kinesisfirehose/${local.firehose_name}"
  backup_bucket_arn = one(module.log_backup_bucket[*].arn)
}

# Failed deliveries (and, without OpenSearch, every shipped log) land in this bucket.
module "log_backup_bucket" {
  source = "../private-bucket"
  count  = local.pipeline ? 1 : 0

  bucket            = local.backup_bucket
  tags              = local.common_tags
  kms_key_arn       = var.kms_key_arn
  access_log_bucket = var.s3_access_logs_bucket
  lifecycle_rule    = var.enable_lifecycle_rules ? { expiration_days = var.log_backup_retention_days } : null
}

# Firehose's own delivery errors.
resource "aws_cloudwatch_log_group" "firehose" {
  # checkov:skip=CKV_AWS_338: retention is the spec's choice per environment (observability.logRetentionDays, log_retention_days here): prod keeps a year, dev and staging hold no patient data and keep less
  count = local.pipeline ? 1 : 0

  name              = local.firehose_log_grp
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_cloudwatch_log_stream" "firehose" {
  for_each = local.pipeline ? toset(["DestinationDelivery", "BackupDelivery"]) : toset([])

  name           = each.key
  log_group_name = aws_cloudwatch_log_group.firehose[0].name
}

resource "aws_iam_role" "firehose" {
  count = local.pipeline ? 1 : 0

  name = "${var.name}-logs-firehose"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = local.account_id } }
    }]
  })
  tags = local.common_tags
}

resource "aws_iam_role_policy" "firehose" {
  count = local.pipeline ? 1 : 0

  name = "deliver"
  role = aws_iam_role.firehose[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid    = "WriteBackupBucket"
        Effect = "Allow"
        Action = ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"]
        Resource = [
          local.backup_bucket_arn, "${local.backup_bucket_arn}/*",
        ]
      },
      {
        Sid      = "EncryptWithEnvironmentKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "s3.${local.region}.amazonaws.com" }
        }
      },
      {
        Sid      = "ReportDeliveryErrors"
        Effect   = "Allow"
        Action   = ["logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.firehose[0].arn}:*"
      },
      ], [for s in [
        {
          Sid      = "WriteOpenSearch"
          Effect   = "Allow"
          Action   = ["es:DescribeDomain", "es:DescribeDomains", "es:DescribeDomainConfig", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"]
          Resource = [local.opensearch_arn, "${local.opensearch_arn}/*"]
        },
        {
          # Firehose creates its network interfaces in the domain's subnets. The EC2 describe calls
          # cannot be scoped to resources; the mutating ones are limited to this VPC's subnets.
          Sid      = "DescribeNetwork"
          Effect   = "Allow"
          Action   = ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces"]
          Resource = "*"
        },
        {
          Sid      = "DescribeDomainVpc"
          Effect   = "Allow"
          Action   = ["ec2:DescribeVpcAttribute"]
          Resource = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc/${coalesce(var.opensearch_vpc_id, "none")}"
        },
        {
          Sid    = "ManageDeliveryInterfaces"
          Effect = "Allow"
          Action = ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"]
          Resource = [for kind in ["network-interface", "subnet", "security-group"] :
          "arn:${local.partition}:ec2:${local.region}:${local.account_id}:${kind}/*"]
          Condition = {
            StringEquals = { "ec2:Vpc" = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc/${coalesce(var.opensearch_vpc_id, "none")}" }
          }
        },
    ] : s if var.enable_opensearch])
  })
}

resource "aws_kinesis_firehose_delivery_stream" "opensearch" {
  count = local.to_opensearch ? 1 : 0

  name        = local.firehose_name
  destination = "opensearch"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = var.kms_key_arn
  }

  opensearch_configuration {
    domain_arn            = aws_opensearch_domain.logs[0].arn
    role_arn              = aws_iam_role.firehose[0].arn
    index_name            = "logs"
    index_rotation_period = "OneDay"
    buffering_interval    = var.firehose_buffer_seconds
    s3_backup_mode        = "FailedDocumentsOnly"

    s3_configuration {
      role_arn           = aws_iam_role.firehose[0].arn
      bucket_arn         = local.backup_bucket_arn
      prefix             = "failed/"
      compression_format = "GZIP"
      kms_key_arn        = var.kms_key_arn
    }

    vpc_config {
      subnet_ids         = var.opensearch_subnet_ids
      security_group_ids = [aws_security_group.firehose[0].id]
      role_arn           = aws_iam_role.firehose[0].arn
    }

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.firehose[0].name
      log_stream_name = "DestinationDelivery"
    }
  }

  tags = local.common_tags
}

resource "aws_kinesis_firehose_delivery_stream" "s3" {
  count = local.pipeline && !var.enable_opensearch ? 1 : 0

  name        = local.firehose_name
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = var.kms_key_arn
  }

  extended_s3_configuration {
    role_arn           = aws_iam_role.firehose[0].arn
    bucket_arn         = local.backup_bucket_arn
    prefix             = "logs/"
    buffering_interval = var.firehose_buffer_seconds
    compression_format = "GZIP"
    kms_key_arn        = var.kms_key_arn

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.firehose[0].name
      log_stream_name = "DestinationDelivery"
    }
  }

  tags = local.common_tags
}

# CloudWatch Logs assumes this role to put subscribed events into the stream.
resource "aws_iam_role" "subscription" {
  count = local.pipeline ? 1 : 0

  name = "${var.name}-logs-subscription"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.${local.region}.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringLike = { "aws:SourceArn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:*" }
      }
    }]
  })
  tags = local.common_tags
}

resource "aws_iam_role_policy" "subscription" {
  count = local.pipeline ? 1 : 0

  name = "put-records"
  role = aws_iam_role.subscription[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["firehose:PutRecord", "firehose:PutRecordBatch"]
      Resource = local.firehose_arn
    }]
  })
}

resource "aws_cloudwatch_log_subscription_filter" "this" {
  for_each = local.pipeline ? local.log_groups : {}

  name            = "${var.name}-to-firehose"
  log_group_name  = aws_cloudwatch_log_group.this[each.key].name
  filter_pattern  = var.log_subscription_filter_pattern
  destination_arn = local.firehose_arn
  role_arn        = aws_iam_role.subscription[0].arn

  depends_on = [aws_iam_role_policy.subscription]
}

# The backup bucket's blocks moved into the shared private-bucket module; existing states keep them.
moved {
  from = aws_s3_bucket.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_public_access_block.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_logging.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_logging.this[0]
}

moved {
  from = aws_s3_bucket_policy.log_backup[0]
  to   = module.log_backup_bucket[0].aws_s3_bucket_policy.this[0]
}
