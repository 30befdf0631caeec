data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id     = data.aws_caller_identity.current.account_id
  partition      = data.aws_partition.current.partition
  public_zone_id = var.create_public_zone ? aws_route53_zone.public[0].zone_id : var.public_zone_id
  query_logging  = var.create_public_zone && var.enable_query_logging
  dnssec         = var.create_public_zone && var.enable_dnssec
}

# --- Public zone (only in the account that owns the domain)

resource "aws_route53_zone" "public" {
  count = var.create_public_zone ? 1 : 0

  name    = var.public_zone_name
  comment = "Public zone of ${var.name}, managed by Terraform"
  tags    = var.tags
}

resource "aws_cloudwatch_log_group" "query_log" {
  count = local.query_logging ? 1 : 0

  name              = "/aws/route53/${var.public_zone_name}"
  retention_in_days = var.query_log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_resource_policy" "query_log" {
  count = local.query_logging ? 1 : 0

  policy_name = "${var.name}-route53-query-logs"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "route53.amazonaws.com" }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "${aws_cloudwatch_log_group.query_log[0].arn}:*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:route53:::hostedzone/${aws_route53_zone.public[0].zone_id}" }
      }
    }]
  })
}

resource "aws_route53_query_log" "public" {
  count = local.query_logging ? 1 : 0

  zone_id                  = aws_route53_zone.public[0].zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.query_log[0].arn

  depends_on = [aws_cloudwatch_log_resource_policy.query_log]
}

# --- DNSSEC signing of the public zone

resource "aws_kms_key" "dnssec" {
  # checkov:skip=CKV_AWS_7: DNSSEC needs an asymmetric ECC_NIST_P256 signing key, and KMS cannot rotate asymmetric keys automatically; roll the KSK by adding a new key-signing key instead
  count = local.dnssec ? 1 : 0

  description              = "${var.name}: DNSSEC key-signing key of ${var.public_zone_name}"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
  policy                   = module.dnssec_key_policy.json
  tags                     = var.tags
}

module "dnssec_key_policy" {
  source = "../kms-key-policy"

  account_id = local.account_id
  partition  = local.partition
  statements = [
    {
      Sid       = "Route53DnssecSigning"
      Effect    = "Allow"
      Principal = { Service = "dnssec-route53.amazonaws.com" }
      Action    = ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:route53:::hostedzone/*" }
      }
    },
    {
      Sid       = "Route53DnssecGrant"
      Effect    = "Allow"
      Principal = { Service = "dnssec-route53.amazonaws.com" }
      Action    = "kms:CreateGrant"
      Resource  = "*"
      Condition = {
        Bool = { "kms:GrantIsForAWSResource" = "true" }
      }
    },
  ]
}

resource "aws_route53_key_signing_key" "public" {
  count = local.dnssec ? 1 : 0

  name                       = "${replace(var.name, "-", "_")}_ksk"
  hosted_zone_id             = aws_route53_zone.public[0].id
  key_management_service_arn = aws_kms_key.dnssec[0].arn
}

resource "aws_route53_hosted_zone_dnssec" "public" {
  count = local.dnssec ? 1 : 0

  hosted_zone_id = aws_route53_key_signing_key.public[0].hosted_zone_id
}

# --- Private zones

resource "aws_route53_zone" "private" {
  # checkov:skip=CKV2_AWS_39: Route 53 public query logging does not apply to private zones; their queries are logged by Resolver query logging in the VPCs
  # checkov:skip=CKV2_AWS_38: DNSSEC signing is only available for public hosted zones
  for_each = { for z in var.private_zones : z.name => z }

  name    = each.value.name
  comment = each.value.comment != "" ? each.value.comment : "Private zone of ${var.name}"

  # The first VPC makes the zone private at creation; the others are separate associations, so a
  # VPC can join or leave without replacing the zone (and the zone ignores its own vpc list).
  vpc {
    vpc_id     = each.value.vpcs[0].vpc_id
    vpc_region = each.value.vpcs[0].vpc_region
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [vpc]
  }
}

resource "aws_route53_zone_association" "private" {
  for_each = merge([
    for z in var.private_zones : {
      for v in slice(z.vpcs, 1, length(z.vpcs)) : "${z.name}/${v.vpc_id}" => { zone = z.name, vpc_id = v.vpc_id, vpc_region = v.vpc_region }
    }
  ]...)

  zone_id    = aws_route53_zone.private[each.value.zone].zone_id
  vpc_id     = each.value.vpc_id
  vpc_region = each.value.vpc_region
}
