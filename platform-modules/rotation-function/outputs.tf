output "function_arn" {
  description = "ARN to give the secrets module in rotation_function_arns."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "The function's role, limited to its secrets and the environment key."
  value       = aws_iam_role.this.arn
}

output "security_group_id" {
  description = "The function's security group; allow it as a source on the database's security group."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "Where the function logs, including the RotationFailures records (embedded metric format, namespace AllergyHub/SecretRotation)."
  value       = aws_cloudwatch_log_group.this.name
}
