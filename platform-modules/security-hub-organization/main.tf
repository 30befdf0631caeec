data "aws_partition" "current" {}

data "aws_region" "current" {}

# Security Hub for the whole organization in one region, run from the delegated administrator (the
# audit account): the administrator's hub with the chosen standards, every existing account added
# as a member and new accounts enrolled with the default standards (AWS Foundational Security Best
# Practices and CIS).
resource "aws_securityhub_account" "this" {
  count = var.enable_security_hub ? 1 : 0

  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "this" {
  for_each = var.enable_security_hub ? toset(var.standards) : toset([])

  standards_arn = "arn:${data.aws_partition.current.partition}:securityhub:${data.aws_region.current.name}::standards/${each.key}"

  depends_on = [aws_securityhub_account.this]
}

resource "aws_securityhub_organization_configuration" "this" {
  count = var.enable_security_hub ? 1 : 0

  auto_enable           = true
  auto_enable_standards = "DEFAULT"

  depends_on = [aws_securityhub_account.this]
}

# Accounts that joined before the organization configuration: members of an organization need no
# invitation, only to be added.
resource "aws_securityhub_member" "this" {
  for_each = var.enable_security_hub ? var.member_account_ids : {}

  account_id = each.value
  invite     = false

  depends_on = [aws_securityhub_organization_configuration.this]
}
