output "bucket" {
  description = "Bucket name (also its id), for references to the bucket."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  description = "Bucket ARN, for IAM policies and delivery destinations."
  value       = aws_s3_bucket.this.arn
}

output "bucket_regional_domain_name" {
  description = "Regional domain name, for CloudFront logging and origins."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "kms_key_arn" {
  description = "Key that encrypts new objects by default; null for SSE-S3."
  value       = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id
}

output "policy" {
  description = "The attached bucket policy JSON; null when none is attached."
  value       = one(aws_s3_bucket_policy.this[*].policy)
}

output "lifecycle_rules" {
  description = "The attached lifecycle rules; empty when none is attached."
  value       = flatten(aws_s3_bucket_lifecycle_configuration.this[*].rule)
}

output "access_log_target" {
  description = "Where the server access logs go ({ bucket, prefix }); null when access logging is off."
  value       = one([for l in aws_s3_bucket_logging.this : { bucket = l.target_bucket, prefix = l.target_prefix }])
}

output "object_lock" {
  description = "The Object Lock default retention ({ mode, days }); null when Object Lock is off."
  value       = one([for c in aws_s3_bucket_object_lock_configuration.this : { mode = one(one(c.rule).default_retention).mode, days = one(one(c.rule).default_retention).days }])
}
