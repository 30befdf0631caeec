output "accounts" {
  description = "The roles' accounts as principals (root ARNs, each once), for Principal = { AWS = ... }."
  value       = local.accounts
}

output "condition" {
  description = "The condition that narrows those accounts to the roles (ArnEquals on aws:PrincipalArn)."
  value       = { ArnEquals = { "aws:PrincipalArn" = var.role_arns } }
}

output "other_principals_condition" {
  description = "The condition that matches every principal but the roles, for a deny (ArnNotEquals on aws:PrincipalArn)."
  value       = { ArnNotEquals = { "aws:PrincipalArn" = var.role_arns } }
}
