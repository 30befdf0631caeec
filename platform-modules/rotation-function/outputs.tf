output "function_arn" {
  description = "The function's ARN; the schedules in rotation_schedules already point at it."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "The function's role, limited to its secrets and the environment key."
  value       = aws_iam_role.this.arn
}

output "security_group_id" {
  description = "The function's security group (the databases in database_security_group_ids already admit it)."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "Where the function logs, including the RotationFailures records (embedded metric format, namespace AllergyHub/SecretRotation)."
  value       = aws_cloudwatch_log_group.this.name
}

output "rotation_secret_ids" {
  description = "Secrets whose rotation schedule this module attached, by secret name."
  value       = { for k, r in aws_secretsmanager_secret_rotation.this : k => r.secret_id }
}
