data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.name
  common_tags = merge(var.tags, { Environment = var.environment })
  log_group   = "/aws/lambda/${var.name}"

  emulator_package = "${path.module}/emulator/package.zip"
  # The published zip's version: the one given, else the object's current version read below.
  package_version = var.emulator_package ? null : try(coalesce(var.package.s3_object_version, one(data.aws_s3_object.package[*].version_id)), null)
}

data "aws_s3_object" "package" {
  count = !var.emulator_package && try(var.package.s3_object_version, null) == null ? 1 : 0

  bucket = var.package.s3_bucket
  key    = var.package.s3_key
}

# Egress only to the databases it rotates and the VPC endpoints; no ingress at all.
resource "aws_security_group" "this" {
  name        = var.name
  description = "Secret rotation function: egress to its databases and the VPC endpoints only"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = var.name })
}

resource "aws_vpc_security_group_egress_rule" "database" {
  for_each = toset(var.database_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL of a database whose login it rotates"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = each.value
}

# The databases' side of the same path: without it the egress rule above reaches a closed port.
resource "aws_vpc_security_group_ingress_rule" "database" {
  for_each = toset(var.database_security_group_ids)

  security_group_id            = each.value
  description                  = "PostgreSQL from the secret rotation function ${var.name}"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.this.id
}

resource "aws_vpc_security_group_egress_rule" "endpoints" {
  security_group_id            = aws_security_group.this.id
  description                  = "HTTPS to the VPC interface endpoints (Secrets Manager, KMS, logs)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.endpoint_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "s3" {
  count = var.s3_prefix_list_id == null ? 0 : 1

  security_group_id = aws_security_group.this.id
  description       = "HTTPS to the S3 gateway endpoint (JWKS publication)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list_id
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
  tags = local.common_tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "RotateTheseSecrets"
    actions   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]
    resources = var.secret_arns
  }
  statement {
    sid       = "RandomPasswords"
    actions   = ["secretsmanager:GetRandomPassword"]
    resources = ["*"]
  }
  statement {
    # Through S3 too when it publishes a JWKS: the key sets' buckets are encrypted with the same key.
    sid       = "TheEnvironmentKeyThroughSecretsManager"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = concat(["secretsmanager.${local.region}.amazonaws.com"], length(var.jwks_object_arns) > 0 ? ["s3.${local.region}.amazonaws.com"] : [])
    }
  }
  statement {
    sid       = "ItsOwnEnvironmentVariables"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:LambdaFunctionName"
      values   = [var.name]
    }
  }
  statement {
    sid       = "ItsOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
  dynamic "statement" {
    for_each = length(var.jwks_object_arns) > 0 ? [1] : []
    content {
      sid       = "PublishTheJWKS"
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = var.jwks_object_arns
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "rotate-secrets"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# Lambda creates the function's network interfaces with the function's role; those EC2 actions
# take no resource-level restriction, so AWS's managed policy for exactly them is attached.
resource "aws_iam_role_policy_attachment" "vpc_access" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_lambda_function" "this" {
  # checkov:skip=CKV_AWS_116: Secrets Manager invokes rotation synchronously and retries a failed rotation itself; a dead-letter queue would never receive anything
  # checkov:skip=CKV_AWS_272: the zip is built and deployed by the platform pipeline from a reviewed commit; Lambda code signing is not set up for this account yet
  function_name                  = var.name
  description                    = "Rotates the ${var.environment} secrets named in platform.yaml (rotation.function secret-rotation)"
  role                           = aws_iam_role.this.arn
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = [var.architecture]
  filename                       = var.emulator_package ? local.emulator_package : null
  source_code_hash               = var.emulator_package ? filebase64sha256(local.emulator_package) : null
  s3_bucket                      = var.emulator_package ? null : var.package.s3_bucket
  s3_key                         = var.emulator_package ? null : var.package.s3_key
  s3_object_version              = local.package_version
  timeout                        = var.timeout_seconds
  memory_size                    = 256
  reserved_concurrent_executions = 5
  kms_key_arn                    = var.kms_key_arn

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.this.id]
  }

  environment {
    variables = {
      PLINTH_ROTATION_CONFIG = var.rotation_config
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = local.common_tags

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.vpc_access]
}

# Secrets Manager may invoke it, for secrets of this account only.
resource "aws_lambda_permission" "secretsmanager" {
  statement_id   = "AllowSecretsManager"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "secretsmanager.amazonaws.com"
  source_account = local.account_id
}

# The schedules come after the function and the permission: Secrets Manager checks the function
# when rotation is attached (it runs testSecret), so attaching them earlier would fail.
resource "aws_secretsmanager_secret_rotation" "this" {
  # checkov:skip=CKV_AWS_304: the schedule comes from each secret's input, which checkov cannot resolve; the validation on var.rotation_schedules enforces at most 90 days
  for_each = var.enable_rotation ? var.rotation_schedules : {}

  secret_id           = each.value.secret_arn
  rotation_lambda_arn = aws_lambda_function.this.arn
  rotate_immediately  = false

  rotation_rules {
    automatically_after_days = each.value.schedule_days
  }

  depends_on = [aws_lambda_permission.secretsmanager]
}
