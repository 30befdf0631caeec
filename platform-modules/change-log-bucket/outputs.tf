output "bucket_name" {
  description = "Change-log bucket name, where plinth apply writes one record per applied stack."
  value       = module.bucket.bucket
}

output "bucket_arn" {
  description = "Change-log bucket ARN."
  value       = module.bucket.arn
}

output "kms_key_arn" {
  description = "Key that encrypts the change records."
  value       = aws_kms_key.change_log.arn
}

output "key_prefix" {
  description = "Key prefix of the change records."
  value       = var.key_prefix
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
