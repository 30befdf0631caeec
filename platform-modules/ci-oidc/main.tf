locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
  roles        = { for r in var.deploy_roles : r.role_name => r }

  subjects = {
    for k, r in local.roles : k => {
      exact = concat(
        [for b in r.branches : "repo:${var.github_organization}/${r.repository}:ref:refs/heads/${b}" if !strcontains(b, "*")],
        [for e in r.environments : "repo:${var.github_organization}/${r.repository}:environment:${e}" if !strcontains(e, "*")],
        r.pull_request ? ["repo:${var.github_organization}/${r.repository}:pull_request"] : [],
      )
      pattern = concat(
        [for b in r.branches : "repo:${var.github_organization}/${r.repository}:ref:refs/heads/${b}" if strcontains(b, "*")],
        [for e in r.environments : "repo:${var.github_organization}/${r.repository}:environment:${e}" if strcontains(e, "*")],
      )
    }
  }

  # Exact subjects and wildcard subjects go in separate statements: conditions within one statement
  # are ANDed, and exact names must never be matched as patterns.
  trust_policies = {
    for k, s in local.subjects : k => {
      Version = "2012-10-17"
      Statement = concat(
        length(s.exact) == 0 ? [] : [{
          Sid       = "GitHubActionsExact"
          Effect    = "Allow"
          Principal = { Federated = local.provider_arn }
          Action    = "sts:AssumeRoleWithWebIdentity"
          Condition = {
            StringEquals = {
              "${local.issuer}:aud" = "sts.amazonaws.com"
              "${local.issuer}:sub" = s.exact
            }
          }
        }],
        length(s.pattern) == 0 ? [] : [{
          Sid       = "GitHubActionsPattern"
          Effect    = "Allow"
          Principal = { Federated = local.provider_arn }
          Action    = "sts:AssumeRoleWithWebIdentity"
          Condition = {
            StringEquals = { "${local.issuer}:aud" = "sts.amazonaws.com" }
            StringLike   = { "${local.issuer}:sub" = s.pattern }
          }
        }],
      )
    }
  }

  # A plan role reads every service through the AWS-managed read-only policy; publish and deploy
  # roles get nothing beyond what the caller names (deploy) or the inline policy below (publish).
  access_policy_arns = {
    deploy  = []
    publish = []
    plan    = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"]
  }

  attachments = merge([
    for k, r in local.roles : {
      for i, p in concat(r.policy_arns, local.access_policy_arns[r.access]) : "${k}/${i}" => { role = k, policy_arn = p }
    }
  ]...)

  account_arn_prefix = "arn:${data.aws_partition.current.partition}:ecr:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"

  # The access-specific policies of the publish and plan roles: push and scan findings on their own
  # ECR repositories only; the Terraform state read and its lock written, nothing else written.
  publish_policies = {
    for k, r in local.roles : k => jsonencode({
      Version = "2012-10-17"
      Statement = concat(length(r.ecr_repositories) == 0 ? [] : [
        {
          # Lists throughout, so the two statements share one type and the condition above can
          # choose between them and none.
          Sid      = "RegistryLogin"
          Effect   = "Allow"
          Action   = ["ecr:GetAuthorizationToken"]
          Resource = ["*"]
        },
        {
          Sid    = "PushOwnRepositoriesAndReadTheirScans"
          Effect = "Allow"
          Action = [
            "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
            "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages", "ecr:DescribeImageScanFindings",
          ]
          Resource = [for n in r.ecr_repositories : "${local.account_arn_prefix}:repository/${n}"]
        },
        ], length(r.artifact_objects) == 0 ? [] : [
        {
          # Release zips in the functions' own accounts; their buckets grant this role in turn.
          Sid      = "PublishReleaseArtifacts"
          Effect   = "Allow"
          Action   = ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"]
          Resource = r.artifact_objects
        },
      ])
    }) if r.access == "publish"
  }

  plan_policies = {
    for k, r in local.roles : k => jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid       = "ListState"
          Effect    = "Allow"
          Action    = ["s3:ListBucket"]
          Resource  = r.state.bucket_arn
          Condition = { StringLike = { "s3:prefix" = ["${r.state.key_prefix}/*"] } }
        },
        {
          Sid      = "ReadState"
          Effect   = "Allow"
          Action   = ["s3:GetObject"]
          Resource = "${r.state.bucket_arn}/${r.state.key_prefix}/*"
        },
        {
          Sid      = "DecryptState"
          Effect   = "Allow"
          Action   = ["kms:Decrypt", "kms:DescribeKey"]
          Resource = r.state.kms_key_arn
        },
        {
          Sid      = "HoldTheStateLock"
          Effect   = "Allow"
          Action   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
          Resource = r.state.lock_table_arn
        },
      ]
    }) if r.access == "plan"
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url             = "https://${local.issuer}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = var.thumbprints
  tags            = merge(var.tags, { Name = "${var.name}-github-actions" })
}

resource "aws_iam_role" "deploy" {
  # checkov:skip=CKV_AWS_274: the caller chooses the policies; Plinth's deploy roles apply every kind of resource in their account, so what is narrow is who may assume them (one repository, its branches or environments, optionally a permissions boundary)
  for_each = local.roles

  name                 = each.key
  description          = "${var.name}: deployments by GitHub Actions from ${var.github_organization}/${each.value.repository}"
  assume_role_policy   = jsonencode(local.trust_policies[each.key])
  max_session_duration = each.value.max_session_duration
  permissions_boundary = each.value.permissions_boundary_arn
  tags                 = merge(var.tags, { Repository = "${var.github_organization}/${each.value.repository}" })
}

resource "aws_iam_role_policy" "access" {
  for_each = merge(local.publish_policies, local.plan_policies)

  name   = "${each.key}-${local.roles[each.key].access}"
  role   = aws_iam_role.deploy[each.key].name
  policy = each.value
}

# Keyed by role and position, so policy ARNs made in the same apply are fine.
resource "aws_iam_role_policy_attachment" "deploy" {
  # checkov:skip=CKV_AWS_274: the caller chooses the policies; Plinth's deploy roles apply every kind of resource in their account, so what is narrow is who may assume them (one repository, its branches or environments, optionally a permissions boundary)
  for_each = local.attachments

  role       = aws_iam_role.deploy[each.value.role].name
  policy_arn = each.value.policy_arn
}
