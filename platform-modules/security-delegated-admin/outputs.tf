output "admin_account_id" {
  description = "The delegated administrator."
  value       = var.admin_account_id
}

output "delegated_services" {
  description = "Services delegated by this call: guardduty.amazonaws.com and securityhub.amazonaws.com when on, and the Organizations-registered principals."
  value = sort(concat(
    [for d in aws_guardduty_organization_admin_account.this : "guardduty.amazonaws.com"],
    [for d in aws_securityhub_organization_admin_account.this : "securityhub.amazonaws.com"],
    [for d in aws_organizations_delegated_administrator.this : d.service_principal],
  ))
}
