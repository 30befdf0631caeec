output "trail_arn" {
  description = "ARN of the trail."
  value       = aws_cloudtrail.this.arn
}

output "trail_name" {
  description = "Name of the trail."
  value       = aws_cloudtrail.this.name
}

output "home_region" {
  description = "Region the trail was created in (it logs every region)."
  value       = local.region
}

output "log_group_name" {
  description = "CloudWatch Logs group holding the trail's events, for metric filters and alarms."
  value       = aws_cloudwatch_log_group.trail.name
}

output "log_group_arn" {
  description = "ARN of that log group."
  value       = aws_cloudwatch_log_group.trail.arn
}
