output "distribution_id" {
  description = "ID of the CloudFront distribution (for invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "distribution_domain_name" {
  description = "CloudFront domain name (d123.cloudfront.net), the target of the aliases' DNS records."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_hosted_zone_id" {
  description = "Hosted zone ID for Route 53 alias records to the distribution."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "web_acl_arn" {
  description = "ARN of the WAFv2 web ACL (null when enable_waf is off)."
  value       = one(aws_wafv2_web_acl.this[*].arn)
}

output "log_bucket" {
  description = "Name of the bucket holding the CloudFront access logs."
  value       = module.logs_bucket.bucket
}

output "kms_key_arn" {
  description = "ARN of the key that encrypts the edge logs."
  value       = aws_kms_key.logs.arn
}

output "response_headers_policy_id" {
  description = "ID of the security headers response policy (null when enable_security_headers is off)."
  value       = one(aws_cloudfront_response_headers_policy.security[*].id)
}
