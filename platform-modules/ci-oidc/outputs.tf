output "oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider the roles trust."
  value       = local.provider_arn
}

output "role_arns" {
  description = "ARNs of the deploy roles by role name: the role-to-assume of the GitHub workflows."
  value       = { for k, r in aws_iam_role.deploy : k => r.arn }
}

output "role_access" {
  description = "What each role may do (deploy, publish or plan), by role name."
  value       = { for k, r in local.roles : k => r.access }
}

output "allowed_subjects" {
  description = "The token subjects each role trusts, by role name (exact and pattern), for review."
  value       = { for k, s in local.subjects : k => concat(s.exact, s.pattern) }
}
