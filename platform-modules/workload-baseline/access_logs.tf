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
  alb_access_logs_bucket = local.create_alb_logs_bucket ? one(module.alb_logs_bucket[*].bucket) : var.alb_access_logs_bucket
  # Where ELB writes: the bucket's ARN follows from its name, so the policy is known at plan time.
  alb_logs_delivery_arn = "arn:${local.partition}:s3:::${local.alb_logs_bucket_name}/${local.alb_logs_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
}

module "alb_logs_bucket" {
  source = "../private-bucket"
  count  = local.create_alb_logs_bucket ? 1 : 0

  bucket         = local.alb_logs_bucket_name
  tags           = merge(local.common_tags, { Name = local.alb_logs_bucket_name })
  sse_algorithm  = "AES256"
  lifecycle_rule = { expiration_days = var.alb_access_log_retention_days }
  policy_statements = [
    {
      # Regions opened before August 2022 deliver from the regional ELB account.
      Sid       = "ElbRegionalAccountDelivery"
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.current.arn }
      Action    = "s3:PutObject"
      Resource  = local.alb_logs_delivery_arn
    },
    {
      # Newer regions deliver through the log delivery service principal.
      Sid       = "ElbServiceDelivery"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = local.alb_logs_delivery_arn
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    },
  ]
}

# The log bucket's blocks moved into the shared private-bucket module; existing states keep them.
moved {
  from = aws_s3_bucket.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_ownership_controls.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_public_access_block.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_policy.alb_logs[0]
  to   = module.alb_logs_bucket[0].aws_s3_bucket_policy.this[0]
}
