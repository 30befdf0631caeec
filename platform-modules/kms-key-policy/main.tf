locals {
  # The account's IAM decides who administers and uses the key; without this statement the key
  # could become unmanageable.
  account_administration = {
    Sid       = "AccountAdministration"
    Effect    = "Allow"
    Principal = { AWS = "arn:${var.partition}:iam::${var.account_id}:root" }
    Action    = "kms:*"
    Resource  = "*"
  }

  document = {
    Version   = "2012-10-17"
    Statement = concat([local.account_administration], var.statements)
  }
}
