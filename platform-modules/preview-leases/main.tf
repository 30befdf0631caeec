data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
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
