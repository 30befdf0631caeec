output "recorder_name" {
  description = "Name of the configuration recorder."
  value       = aws_config_configuration_recorder.this.name
}

output "role_arn" {
  description = "The recorder's role, for the other regions' calls in the same account."
  value       = local.role_arn
}

output "recording" {
  description = "Whether the recorder is switched on."
  value       = aws_config_configuration_recorder_status.this.is_enabled
}
