output "aggregator_arn" {
  description = "ARN of the organization's Config aggregator."
  value       = aws_config_configuration_aggregator.this.arn
}

output "aggregator_name" {
  description = "Name of the aggregator."
  value       = aws_config_configuration_aggregator.this.name
}

output "role_arn" {
  description = "Role the aggregator reads the organization with."
  value       = aws_iam_role.this.arn
}
