data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  repositories = { for r in var.repositories : r.name => r }
  common_tags  = merge(var.tags, { Service = "container-registry" })

  push_actions = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:CompleteLayerUpload",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
  ]
  pull_actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

  # Push is denied to everyone but the named roles, even to principals of this account whose own
  # IAM policies would allow it.
  repository_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "NamedRolesPush"
          Effect    = "Allow"
          Principal = { AWS = var.push_principal_arns }
          Action    = local.push_actions
        },
        {
          Sid       = "NobodyElsePushes"
          Effect    = "Deny"
          Principal = "*"
          Action    = local.push_actions
          Condition = { ArnNotEquals = { "aws:PrincipalArn" = var.push_principal_arns } }
        },
      ],
      length(var.pull_account_ids) == 0 ? [] : [{
        Sid       = "WorkloadAccountsPull"
        Effect    = "Allow"
        Principal = { AWS = [for id in var.pull_account_ids : "arn:${data.aws_partition.current.partition}:iam::${id}:root"] }
        Action    = local.pull_actions
      }],
    )
  })
}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: container images"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = module.key_policy.json
  tags                    = local.common_tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_ecr_repository" "this" {
  for_each = local.repositories

  name                 = each.key
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.this.arn
  }

  tags = merge(local.common_tags, { SourceRepository = each.value.source_repository })
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = local.repositories

  repository = aws_ecr_repository.this[each.key].name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the newest ${each.value.keep_images} images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = each.value.keep_images
      }
      action = { type = "expire" }
    }]
  })
}

resource "aws_ecr_repository_policy" "this" {
  for_each = local.repositories

  repository = aws_ecr_repository.this[each.key].name
  policy     = local.repository_policy
}
