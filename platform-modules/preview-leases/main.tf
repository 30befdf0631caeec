data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

# The preview workflows run in the preview environment's account, with its deploy role: the table's
# resource policy and the key's policy let exactly those roles use the leases.
module "lessees" {
  source = "../role-principals"

  role_arns = var.lessee_role_arns
  partition = data.aws_partition.current.partition
}

locals {
  grant_lessees = length(var.lessee_role_arns) > 0
}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  statements = local.grant_lessees ? [{
    Sid       = "LesseesUseTheKeyThroughDynamoDB"
    Effect    = "Allow"
    Principal = { AWS = module.lessees.accounts }
    Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    Resource  = "*"
    Condition = merge(module.lessees.condition, { StringEquals = { "kms:ViaService" = "dynamodb.${data.aws_region.current.name}.amazonaws.com" } })
  }] : []
}

resource "aws_kms_key" "leases" {
  description             = "Preview environment leases for ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = module.key_policy.json
  tags                    = var.tags
}

resource "aws_kms_alias" "leases" {
  name          = "alias/${var.name}-preview-leases"
  target_key_id = aws_kms_key.leases.key_id
}

# One item per leased range, one per branch and a live counter, all under the string key `pk`;
# plinth writes them with conditions and transactions, so the table needs no index.
resource "aws_dynamodb_table" "leases" {
  name         = var.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.leases.arn
  }

  deletion_protection_enabled = !var.force_destroy

  tags = var.tags
}

# What `plinth preview` does with a lease: read and scan them, and write them with conditions and
# transactions (a transaction needs the rights of each write it holds).
resource "aws_dynamodb_resource_policy" "lessees" {
  count = local.grant_lessees ? 1 : 0

  resource_arn = aws_dynamodb_table.leases.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LesseesTakeAndReleaseLeases"
      Effect    = "Allow"
      Principal = { AWS = module.lessees.accounts }
      Action = [
        "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
      ]
      Resource  = aws_dynamodb_table.leases.arn
      Condition = module.lessees.condition
    }]
  })
}
