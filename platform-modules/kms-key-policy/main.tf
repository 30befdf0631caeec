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

  # CloudWatch Logs encrypts a group's events with the key only for that group (encryption context).
  log_group_use = [for group in var.cloudwatch_log_group[*] : {
    Sid       = "CloudWatchLogsUsesKeyForThisGroup"
    Effect    = "Allow"
    Principal = { Service = "logs.${group.region}.amazonaws.com" }
    Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    Resource  = "*"
    Condition = {
      ArnEquals = {
        "kms:EncryptionContext:aws:logs:arn" = "arn:${var.partition}:logs:${group.region}:${var.account_id}:log-group:${group.name}"
      }
    }
  }]

  document = {
    Version   = "2012-10-17"
    Statement = concat([local.account_administration], local.log_group_use, var.statements)
  }
}
