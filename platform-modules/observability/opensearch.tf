# The OpenSearch domain that Firehose delivers to: inside the VPC, encrypted at rest with the
# environment key and between nodes, HTTPS only with TLS 1.2, fine-grained access control with an
# IAM master role, and its slow and audit logs in CloudWatch Logs.

locals {
  opensearch_azs      = min(length(var.opensearch_subnet_ids), 3)
  opensearch_log_base = "/aws/opensearch/${var.opensearch_domain_name}"
  opensearch_log_types = {
    INDEX_SLOW_LOGS     = "index-slow"
    SEARCH_SLOW_LOGS    = "search-slow"
    ES_APPLICATION_LOGS = "application"
    AUDIT_LOGS          = "audit"
  }
  create_master_role = var.enable_opensearch && var.opensearch_master_role_arn == null
  master_role_arn    = local.create_master_role ? one(aws_iam_role.opensearch_master[*].arn) : var.opensearch_master_role_arn
}

# The domain's fine-grained access control master, when none is given: a role the platform
# administrators (by their Identity Center role) assume for the hour they administer the domain.
resource "aws_iam_role" "opensearch_master" {
  # checkov:skip=CKV_AWS_61: the account is trusted only through the aws:PrincipalArn condition, which admits just the administrators' Identity Center roles; their names end in a suffix not known in advance, so they cannot be named as principals
  count = local.create_master_role ? 1 : 0

  name                 = "${var.name}-opensearch-master"
  description          = "Fine-grained access control master of the ${var.opensearch_domain_name} log domain"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike = { "aws:PrincipalArn" = [for p in var.opensearch_admin_role_patterns : "arn:${local.partition}:iam::${local.account_id}:role/${p}"] }
      }
    }]
  })
  tags = local.common_tags
}

resource "aws_iam_role_policy" "opensearch_master" {
  count = local.create_master_role ? 1 : 0

  name = "opensearch-http"
  role = aws_iam_role.opensearch_master[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpPatch", "es:ESHttpDelete"]
      Resource = "${local.opensearch_arn}/*"
    }]
  })
}

resource "aws_security_group" "firehose" {
  # checkov:skip=CKV2_AWS_5: attached to Firehose's delivery interfaces through the stream's vpc_config, which checkov does not follow
  count = local.to_opensearch ? 1 : 0

  name        = "${var.name}-logs-firehose"
  description = "Firehose delivery interfaces; talk only to the log domain over HTTPS"
  vpc_id      = var.opensearch_vpc_id
  tags        = local.common_tags
}

resource "aws_vpc_security_group_egress_rule" "firehose_to_opensearch" {
  count = local.to_opensearch ? 1 : 0

  security_group_id            = aws_security_group.firehose[0].id
  description                  = "HTTPS to the log domain"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.opensearch[0].id
}

resource "aws_security_group" "opensearch" {
  count = var.enable_opensearch ? 1 : 0

  name        = "${var.name}-logs-opensearch"
  description = "Log domain; HTTPS from Firehose and the allowed ranges only"
  vpc_id      = var.opensearch_vpc_id
  tags        = local.common_tags
}

resource "aws_vpc_security_group_ingress_rule" "opensearch_from_firehose" {
  count = local.to_opensearch ? 1 : 0

  security_group_id            = aws_security_group.opensearch[0].id
  description                  = "HTTPS from Firehose delivery"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.firehose[0].id
}

resource "aws_vpc_security_group_ingress_rule" "opensearch_from_cidr" {
  for_each = var.enable_opensearch ? toset(var.opensearch_allowed_cidr_blocks) : toset([])

  security_group_id = aws_security_group.opensearch[0].id
  description       = "HTTPS from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.key
}

resource "aws_cloudwatch_log_group" "opensearch" {
  # checkov:skip=CKV_AWS_338: retention is the spec's choice per environment (observability.logRetentionDays, log_retention_days here): prod keeps a year, dev and staging hold no patient data and keep less
  for_each = var.enable_opensearch ? local.opensearch_log_types : {}

  name              = "${local.opensearch_log_base}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_cloudwatch_log_resource_policy" "opensearch" {
  count = var.enable_opensearch ? 1 : 0

  policy_name = "${var.name}-opensearch-logs"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "es.amazonaws.com" }
      Action    = ["logs:PutLogEvents", "logs:CreateLogStream"]
      Resource  = [for g in aws_cloudwatch_log_group.opensearch : "${g.arn}:*"]
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = local.opensearch_arn }
      }
    }]
  })
}

resource "aws_opensearch_domain" "logs" {
  count = var.enable_opensearch ? 1 : 0

  domain_name    = var.opensearch_domain_name
  engine_version = var.opensearch_engine_version

  cluster_config {
    instance_type            = var.opensearch_instance_type
    instance_count           = var.opensearch_instance_count
    dedicated_master_enabled = var.opensearch_dedicated_master_enabled
    dedicated_master_type    = var.opensearch_dedicated_master_enabled ? var.opensearch_master_instance_type : null
    dedicated_master_count   = var.opensearch_dedicated_master_enabled ? 3 : null
    zone_awareness_enabled   = local.opensearch_azs > 1

    dynamic "zone_awareness_config" {
      for_each = local.opensearch_azs > 1 ? [local.opensearch_azs] : []
      content {
        availability_zone_count = zone_awareness_config.value
      }
    }
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.opensearch_volume_size_gb
  }

  vpc_options {
    subnet_ids         = slice(var.opensearch_subnet_ids, 0, local.opensearch_azs)
    security_group_ids = [aws_security_group.opensearch[0].id]
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }

  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = local.master_role_arn
    }
  }

  # Only this account's principals (Firehose and the master role, through IAM) may call the domain.
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
      Action    = "es:ESHttp*"
      Resource  = "${local.opensearch_arn}/*"
    }]
  })

  log_publishing_options {
    enabled                  = true
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.opensearch["INDEX_SLOW_LOGS"].arn
  }

  log_publishing_options {
    enabled                  = true
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.opensearch["SEARCH_SLOW_LOGS"].arn
  }

  log_publishing_options {
    enabled                  = true
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.opensearch["ES_APPLICATION_LOGS"].arn
  }

  log_publishing_options {
    enabled                  = true
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.opensearch["AUDIT_LOGS"].arn
  }

  tags = merge(local.common_tags, { Name = var.opensearch_domain_name })

  depends_on = [aws_cloudwatch_log_resource_policy.opensearch]
}
