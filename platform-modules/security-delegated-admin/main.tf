# From the management account: hands the organization's security services to the audit account,
# so they are run from there and the management account runs no tooling. GuardDuty and Security
# Hub designate their administrator per region through their own APIs; services that register
# through AWS Organizations (Config, Access Analyzer) are global and registered once.
resource "aws_guardduty_organization_admin_account" "this" {
  count = var.enable_guardduty ? 1 : 0

  admin_account_id = var.admin_account_id
}

resource "aws_securityhub_organization_admin_account" "this" {
  count = var.enable_security_hub ? 1 : 0

  admin_account_id = var.admin_account_id
}

resource "aws_organizations_delegated_administrator" "this" {
  for_each = toset(var.organization_service_principals)

  account_id        = var.admin_account_id
  service_principal = each.key
}
