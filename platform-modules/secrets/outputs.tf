output "kms_key_arn" {
  description = "ARN of the environment's KMS key; pass it to modules that encrypt with it (logs, RDS, EBS)."
  value       = aws_kms_key.this.arn
}

output "kms_key_id" {
  description = "Key ID of the environment's KMS key."
  value       = aws_kms_key.this.key_id
}

output "kms_alias_name" {
  description = "Alias of the environment's KMS key."
  value       = aws_kms_alias.this.name
}

output "secret_arns" {
  description = "ARNs of the secrets created here, by secret name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "rds_managed_secrets" {
  description = "Names of the rds-native secrets: RDS creates and rotates them (manage_master_user_password), so they are recorded, not created."
  value       = sort(keys(local.rds_native_secrets))
}

output "parameter_arns" {
  description = "ARNs of the SSM parameters, by parameter name."
  value       = local.parameter_arns
}

output "reader_policy_arns" {
  description = "IAM policy ARN per reader workload, granting read access to exactly its secrets and parameters; attach it to the workload's role."
  value       = { for k, p in aws_iam_policy.reader : k => p.arn }
}

output "jwks_bucket_arns" {
  description = "ARNs of the JWKS buckets, by bucket name."
  value       = { for k, b in module.jwks_bucket : k => b.arn }
}
