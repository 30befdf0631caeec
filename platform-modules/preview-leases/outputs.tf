output "table_name" {
  description = "Lease table name, for plinth preview commands."
  value       = aws_dynamodb_table.leases.name
}

output "table_arn" {
  description = "Lease table ARN, for the IAM policies of the roles that run preview workflows."
  value       = aws_dynamodb_table.leases.arn
}

output "kms_key_arn" {
  description = "ARN of the CMK encrypting the table, for grants to the roles that use it."
  value       = aws_kms_key.leases.arn
}

output "resource_policy" {
  description = "The table's resource policy granting the lessees (null without lessees), for review and tests."
  value       = local.grant_lessees ? jsondecode(aws_dynamodb_resource_policy.lessees[0].policy) : null
}
