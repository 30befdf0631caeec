output "json" {
  description = "The key policy document as JSON, for aws_kms_key's policy."
  value       = jsonencode(local.document)
}

output "document" {
  description = "The key policy document as an object, for assertions and further composition."
  value       = local.document
}
