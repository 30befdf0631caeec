data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  log_bucket = "${var.name}-edge-logs-${local.account_id}"
  origin_id  = "load-balancer"
}

# --- The key that encrypts the access logs and WAF logs

resource "aws_kms_key" "logs" {
  description             = "${var.name}: CloudFront access logs and WAF logs"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.logs_key_policy.json
  tags                    = var.tags
}

module "logs_key_policy" {
  source = "../kms-key-policy"

  account_id = local.account_id
  partition  = local.partition
  statements = [
    {
      # CloudFront standard logging writes through the log delivery service.
      Sid       = "CloudFrontLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    },
    {
      Sid       = "WafLogGroup"
      Effect    = "Allow"
      Principal = { Service = "logs.${local.region}.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      Resource  = "*"
      Condition = {
        ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:aws-waf-logs-${var.name}" }
      }
    },
  ]
}

resource "aws_kms_alias" "logs" {
  name          = "alias/${var.name}-edge-logs"
  target_key_id = aws_kms_key.logs.key_id
}

# --- Access log bucket

module "logs_bucket" {
  source = "../private-bucket"

  bucket      = local.log_bucket
  tags        = var.tags
  kms_key_arn = aws_kms_key.logs.arn
  # CloudFront standard logging writes with ACLs, so the bucket must allow them (owner-preferred).
  object_ownership  = "BucketOwnerPreferred"
  access_log_bucket = var.s3_access_logs_bucket
  lifecycle_rule    = var.enable_lifecycle_rules ? { expiration_days = var.log_retention_days } : null
}

# --- Security headers on every response

resource "aws_cloudfront_response_headers_policy" "security" {
  count = var.enable_security_headers ? 1 : 0

  name    = "${var.name}-security-headers"
  comment = "Security headers of ${var.name}"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
    xss_protection {
      protection = true
      mode_block = true
      override   = true
    }
    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }
  }
}

# --- Distribution

resource "aws_cloudfront_distribution" "this" {
  # checkov:skip=CKV_AWS_310: origin groups only fail over GET, HEAD and OPTIONS, and this origin is an API that takes writes; regional failover is done by re-pointing the origin record to the DR load balancer
  # checkov:skip=CKV2_AWS_46: the origin is a load balancer, not an S3 bucket, so there is no origin access control to set
  # checkov:skip=CKV_AWS_305: the origin is an API with no default root object
  # checkov:skip=CKV_AWS_374: geo restriction is an input (geo_restriction_type); the platform has no country restriction in its specification
  enabled         = true
  is_ipv6_enabled = true
  http_version    = "http2and3"
  comment         = "${var.name} edge"
  price_class     = var.price_class
  aliases         = var.aliases
  web_acl_id      = var.enable_waf ? aws_wafv2_web_acl.this[0].arn : null

  origin {
    origin_id   = local.origin_id
    domain_name = var.origin_domain_name

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = var.origin_read_timeout
      origin_keepalive_timeout = 5
    }

    dynamic "custom_header" {
      for_each = var.origin_verify_header_name == null ? [] : [var.origin_verify_header_name]
      content {
        name  = custom_header.value
        value = var.origin_verify_header_value
      }
    }
  }

  default_cache_behavior {
    target_origin_id           = local.origin_id
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    viewer_protocol_policy     = "redirect-to-https"
    compress                   = true
    cache_policy_id            = var.cache_policy_id
    origin_request_policy_id   = var.origin_request_policy_id
    response_headers_policy_id = var.enable_security_headers ? aws_cloudfront_response_headers_policy.security[0].id : null
  }

  restrictions {
    geo_restriction {
      restriction_type = var.geo_restriction_type
      locations        = var.geo_restriction_locations
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.acm_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = var.minimum_protocol_version
  }

  logging_config {
    bucket          = module.logs_bucket.bucket_regional_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  tags = var.tags

  # CloudFront logging needs the bucket's ACLs enabled first.
  depends_on = [module.logs_bucket]
}

# The lifecycle configuration became switchable (enable_lifecycle_rules); existing states keep it.
moved {
  from = aws_s3_bucket_lifecycle_configuration.logs
  to   = aws_s3_bucket_lifecycle_configuration.logs[0]
}

# The log bucket's blocks moved into the shared private-bucket module; existing states keep them.
moved {
  from = aws_s3_bucket.logs
  to   = module.logs_bucket.aws_s3_bucket.this
}

moved {
  from = aws_s3_bucket_ownership_controls.logs
  to   = module.logs_bucket.aws_s3_bucket_ownership_controls.this
}

moved {
  from = aws_s3_bucket_public_access_block.logs
  to   = module.logs_bucket.aws_s3_bucket_public_access_block.this
}

moved {
  from = aws_s3_bucket_versioning.logs
  to   = module.logs_bucket.aws_s3_bucket_versioning.this
}

moved {
  from = aws_s3_bucket_server_side_encryption_configuration.logs
  to   = module.logs_bucket.aws_s3_bucket_server_side_encryption_configuration.this
}

moved {
  from = aws_s3_bucket_lifecycle_configuration.logs[0]
  to   = module.logs_bucket.aws_s3_bucket_lifecycle_configuration.this[0]
}

moved {
  from = aws_s3_bucket_logging.logs
  to   = module.logs_bucket.aws_s3_bucket_logging.this
}

moved {
  from = aws_s3_bucket_policy.logs
  to   = module.logs_bucket.aws_s3_bucket_policy.this[0]
}
