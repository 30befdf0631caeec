output "organization_id" {
  description = "Organization ID (o-...), for aws:PrincipalOrgID conditions in resource policies."
  value       = aws_organizations_organization.this.id
}

output "organization_arn" {
  description = "Organization ARN, the principal that RAM shares (e.g. the Transit Gateway) are granted to."
  value       = aws_organizations_organization.this.arn
}

output "root_id" {
  description = "ID of the organization root (r-...)."
  value       = local.root_id
}

output "management_account_id" {
  description = "ID of the management account that owns the organization."
  value       = aws_organizations_organization.this.master_account_id
}

output "organizational_unit_ids" {
  description = "OU IDs by OU name."
  value       = local.ou_ids
}

output "account_ids" {
  description = "Member account IDs by account name; callers build deploy-role ARNs from these."
  value       = { for name, a in aws_organizations_account.this : name => a.id }
}

output "policy_ids" {
  description = "Service control policy IDs by policy name."
  value       = { for name, p in aws_organizations_policy.this : name => p.id }
}
