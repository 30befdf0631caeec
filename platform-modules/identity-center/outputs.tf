output "permission_set_arns" {
  description = "Permission set ARNs by name (empty when enable_permission_sets is false)."
  value       = { for name, ps in aws_ssoadmin_permission_set.this : name => ps.arn }
}

output "group_ids" {
  description = "Identity store group IDs by display name, as resolved for the assignments."
  value       = local.group_ids
}

output "assignments" {
  description = "The group/permission-set/account triples assigned, as group/permission-set/account keys."
  value       = sort(keys(aws_ssoadmin_account_assignment.this))
}
