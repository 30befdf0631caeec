output "autoscaling_group_name" {
  description = "Autoscaling group of the runners; whatever scales the pool for queued jobs sets its desired capacity."
  value       = aws_autoscaling_group.runners.name
}

output "launch_template_id" {
  description = "Launch template of the runners."
  value       = module.launch_template.id
}

output "instance_role_arn" {
  description = "Runner instance role: may only read the registration secret."
  value       = aws_iam_role.runner.arn
}

output "security_group_id" {
  description = "Security group of the runners (no ingress, HTTPS out)."
  value       = aws_security_group.runner.id
}

output "registration_secret_arn" {
  description = "Secret an operator stores the runner-management token in."
  value       = aws_secretsmanager_secret.registration.arn
}

output "kms_key_arn" {
  description = "Key encrypting the runners' volumes and the registration secret."
  value       = aws_kms_key.this.arn
}

output "labels" {
  description = "Labels the runners register with, for runs-on."
  value       = var.labels
}
