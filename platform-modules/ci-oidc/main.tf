locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
  roles        = { for r in var.deploy_roles : r.role_name => r }

  subjects = {
    for k, r in local.roles : k => {
      exact = concat(
        [for b in r.branches : "repo:${var.github_organization}/${r.repository}:ref:refs/heads/${b}" if !strcontains(b, "*")],
        [for e in r.environments : "repo:${var.github_organization}/${r.repository}:environment:${e}" if !strcontains(e, "*")],
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

  attachments = merge([
    for k, r in local.roles : { for i, p in r.policy_arns : "${k}/${i}" => { role = k, policy_arn = p } }
  ]...)
}

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

# Keyed by role and position, so policy ARNs made in the same apply are fine.
resource "aws_iam_role_policy_attachment" "deploy" {
  # checkov:skip=CKV_AWS_274: the caller chooses the policies; Plinth's deploy roles apply every kind of resource in their account, so what is narrow is who may assume them (one repository, its branches or environments, optionally a permissions boundary)
  for_each = local.attachments

  role       = aws_iam_role.deploy[each.value.role].name
  policy_arn = each.value.policy_arn
}
