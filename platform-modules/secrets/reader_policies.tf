locals {
  # The key set objects each reader may read (empty for most readers).
  jwks_reads = {
    for r in local.readers : r => sort([for p in var.jwks_publications : "arn:${local.partition}:s3:::${p.bucket}/${p.key}" if contains(p.readers, r)])
  }

  reader_policies = {
    for r in local.readers : r => {
      Version = "2012-10-17"
      Statement = concat(
        length([for s in local.managed_secrets : s if contains(s.readers, r)]) == 0 ? [] : [{
          Sid      = "ReadOwnSecrets"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
          Resource = sort([for k, s in local.managed_secrets : aws_secretsmanager_secret.this[k].arn if contains(s.readers, r)])
        }],
        length([for p in local.parameters : p if contains(p.readers, r)]) == 0 ? [] : [{
          Sid      = "ReadOwnParameters"
          Effect   = "Allow"
          Action   = ["ssm:GetParameter", "ssm:GetParameters"]
          Resource = sort([for k, p in local.parameters : local.parameter_arns[k] if contains(p.readers, r)])
        }],
        length(local.jwks_reads[r]) == 0 ? [] : [{
          Sid      = "ReadPublishedKeySets"
          Effect   = "Allow"
          Action   = ["s3:GetObject"]
          Resource = local.jwks_reads[r]
        }],
        [{
          # Decrypt only when Secrets Manager, SSM or S3 (the key sets) asks on the reader's behalf, never directly.
          Sid      = "DecryptThroughSecretStores"
          Effect   = "Allow"
          Action   = "kms:Decrypt"
          Resource = aws_kms_key.this.arn
          Condition = {
            StringEquals = {
              "kms:ViaService" = concat(
                ["secretsmanager.${local.region}.amazonaws.com", "ssm.${local.region}.amazonaws.com"],
                length(local.jwks_reads[r]) == 0 ? [] : ["s3.${local.region}.amazonaws.com"],
              )
            }
          }
        }],
      )
    }
  }
}

resource "aws_iam_policy" "reader" {
  for_each = local.reader_policies

  name        = "${var.name}-${each.key}-secrets-read"
  description = "Read access for ${each.key} to exactly its secrets and parameters in ${var.environment}."
  policy      = jsonencode(each.value)
  tags        = merge(local.common_tags, { Reader = each.key })
}
