output "bucket_name" {
  description = "Audit log bucket name, the destination of the trail and the Config delivery channels."
  value       = module.bucket.bucket
}

output "bucket_arn" {
  description = "Audit log bucket ARN."
  value       = module.bucket.arn
}

output "kms_key_arn" {
  description = "Key that encrypts the trail's logs and Config snapshots."
  value       = aws_kms_key.audit_logs.arn
}

output "config_key_prefix" {
  description = "Key prefix for the Config delivery channels."
  value       = var.config_key_prefix
}

output "object_lock" {
  description = "Object Lock default retention of the bucket ({ mode, days })."
  value       = module.bucket.object_lock
}

output "bucket_policy" {
  description = "The bucket policy JSON, for review and tests."
  value       = module.bucket.policy
}

output "key_policy" {
  description = "The key policy document as an object, for review and tests."
  value       = module.key_policy.document
}
