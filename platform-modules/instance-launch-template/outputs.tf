output "id" {
  description = "ID of the launch template, for an autoscaling group's launch_template."
  value       = aws_launch_template.this.id
}

output "latest_version" {
  description = "Latest version of the template, so a group picks up each change."
  value       = aws_launch_template.this.latest_version
}

output "arn" {
  description = "ARN of the launch template, for IAM conditions on ec2:LaunchTemplate."
  value       = aws_launch_template.this.arn
}

output "user_data" {
  description = "The boot script as the template stores it (base64; null for none), so a caller's tests can check what its instances run."
  value       = aws_launch_template.this.user_data
}

output "security_group_ids" {
  description = "Security groups of the instances' network interface, as the template holds them."
  value       = aws_launch_template.this.network_interfaces[0].security_groups
}
