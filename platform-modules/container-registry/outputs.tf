output "repository_urls" {
  description = "Repository URLs by name: where the pipelines push and the workloads pull."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "repository_arns" {
  description = "Repository ARNs by name."
  value       = { for k, r in aws_ecr_repository.this : k => r.arn }
}

output "kms_key_arn" {
  description = "Key encrypting the images."
  value       = aws_kms_key.this.arn
}
