output "bucket_name" {
  description = "Artifact bucket name, where the release pipeline publishes and Lambda reads function code."
  value       = module.bucket.bucket
}

output "bucket_arn" {
  description = "Artifact bucket ARN."
  value       = module.bucket.arn
}

output "bucket_policy" {
  description = "The bucket policy JSON, for review and tests."
  value       = module.bucket.policy
}
