data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  common_tags = merge(var.tags, {
    Environment = var.environment
  })

  # RDS creates and rotates its master secret itself (manage_master_user_password), so those are
  # only recorded; everything else is created here.
  managed_secrets    = { for s in var.secrets : s.name => s if s.rotation.kind == "function" }
  rds_native_secrets = { for s in var.secrets : s.name => s if s.rotation.kind == "rds-native" }
  parameters         = { for p in var.parameters : p.name => p }

  readers = sort(distinct(concat(
    flatten([for s in local.managed_secrets : s.readers]),
    flatten([for p in local.parameters : p.readers]),
    flatten([for p in var.jwks_publications : p.readers]),
  )))

  # Services that encrypt with this key in their own name (not through a caller's grant).
  service_key_statements = [
    for s in var.kms_service_principals : {
      Sid       = "Allow${title(s)}InThisAccount"
      Effect    = "Allow"
      Principal = { Service = s == "logs" ? "logs.${local.region}.amazonaws.com" : "${s}.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      Resource  = "*"
      Condition = s == "logs" ? {
        ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*" }
        } : {
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }
  ]
}

# Key administration and use stay inside this account: IAM policies in the account decide who may
# use it, and Secrets Manager and SSM act through their callers' permissions.
module "key_policy" {
  source = "../kms-key-policy"

  account_id = local.account_id
  partition  = local.partition
  statements = local.service_key_statements
}

resource "aws_kms_key" "this" {
  description         = "${var.name}: secrets, parameters and data of the ${var.environment} environment"
  enable_key_rotation = true
  # 365 is AWS's default; leaving it unset keeps plans clean where the period is not reported.
  rotation_period_in_days = var.kms_key_rotation_days == 365 ? null : var.kms_key_rotation_days
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = module.key_policy.json
  tags                    = local.common_tags
}

resource "aws_kms_alias" "this" {
  name          = var.kms_key_alias
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_secretsmanager_secret" "this" {
  # checkov:skip=CKV2_AWS_57: every secret here is rotated by its rotation function; the rotation-function module attaches the schedule in the secret-rotation stack, after the function exists (docs/adr/0022-rotation-function-wiring.md)
  for_each = local.managed_secrets

  name                    = each.value.name
  description             = each.value.description
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags = merge(local.common_tags, {
    Owner    = each.value.owner
    Rotation = each.value.rotation.kind
  })
}

# SecureString parameters, encrypted with the environment key.
resource "aws_ssm_parameter" "secure" {
  for_each = { for k, p in local.parameters : k => p if p.type == "SecureString" }

  name        = each.value.name
  description = each.value.description
  type        = "SecureString"
  tier        = each.value.tier
  key_id      = aws_kms_key.this.arn
  # A placeholder only: the real value is written outside Terraform and ignored below.
  value = "managed-outside-terraform"
  tags  = local.common_tags

  lifecycle {
    ignore_changes = [value]
  }
}

# String and StringList parameters: non-secret configuration (feature flags, issuer URLs).
resource "aws_ssm_parameter" "plain" {
  # checkov:skip=CKV2_AWS_34: these hold non-secret configuration by declaration; anything secret is declared SecureString and encrypted with the environment key above
  for_each = { for k, p in local.parameters : k => p if p.type != "SecureString" }

  name        = each.value.name
  description = each.value.description
  type        = each.value.type
  tier        = each.value.tier
  # A placeholder only: the real value is written outside Terraform and ignored below.
  value = "managed-outside-terraform"
  tags  = local.common_tags

  lifecycle {
    ignore_changes = [value]
  }
}

locals {
  parameter_arns = merge(
    { for k, p in aws_ssm_parameter.secure : k => p.arn },
    { for k, p in aws_ssm_parameter.plain : k => p.arn },
  )
}
