output "bucket_name" {
  description = "State bucket name, for the S3 backend's bucket setting."
  value       = module.bucket.bucket
}

output "bucket_arn" {
  description = "State bucket ARN, for IAM policies of deploy roles."
  value       = module.bucket.arn
}

output "lock_table_name" {
  description = "Lock table name, for the S3 backend's dynamodb_table setting."
  value       = aws_dynamodb_table.lock.name
}

output "lock_table_arn" {
  description = "Lock table ARN, for IAM policies of deploy roles."
  value       = aws_dynamodb_table.lock.arn
}

output "kms_key_arn" {
  description = "ARN of the CMK encrypting state and locks, for the backend's kms_key_id and deploy-role grants."
  value       = aws_kms_key.state.arn
}
