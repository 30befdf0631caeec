output "hub_arn" {
  description = "ARN of the administrator's hub in this region; null when it is switched off."
  value       = one(aws_securityhub_account.this[*].arn)
}

output "standards_arns" {
  description = "ARNs of the subscribed standards; empty when the standards are off."
  value       = sort([for s in aws_securityhub_standards_subscription.this : s.standards_arn])
}

output "member_account_ids" {
  description = "Member account IDs added by this module, by account name."
  value       = { for name, m in aws_securityhub_member.this : name => m.account_id }
}
