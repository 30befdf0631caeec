resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  aws_service_access_principals = var.aws_service_access_principals
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY"]
}

locals {
  root_id = aws_organizations_organization.this.roots[0].id

  ou_parent = { for ou in var.organizational_units : ou.name => ou.parent }

  # Terraform cannot recurse over a tree, so OUs are created level by level (three levels deep).
  ous_level1 = { for name, parent in local.ou_parent : name => parent if parent == null }
  ous_level2 = { for name, parent in local.ou_parent : name => parent if parent != null && contains(keys(local.ous_level1), coalesce(parent, "-")) }
  ous_level3 = { for name, parent in local.ou_parent : name => parent if parent != null && contains(keys(local.ous_level2), coalesce(parent, "-")) }

  ou_ids = merge(
    { for name, ou in aws_organizations_organizational_unit.level1 : name => ou.id },
    { for name, ou in aws_organizations_organizational_unit.level2 : name => ou.id },
    { for name, ou in aws_organizations_organizational_unit.level3 : name => ou.id },
  )
}

resource "aws_organizations_organizational_unit" "level1" {
  for_each  = local.ous_level1
  name      = each.key
  parent_id = local.root_id
  tags      = var.tags
}

resource "aws_organizations_organizational_unit" "level2" {
  for_each  = local.ous_level2
  name      = each.key
  parent_id = aws_organizations_organizational_unit.level1[each.value].id
  tags      = var.tags
}

resource "aws_organizations_organizational_unit" "level3" {
  for_each  = local.ous_level3
  name      = each.key
  parent_id = aws_organizations_organizational_unit.level2[each.value].id
  tags      = var.tags
}

resource "aws_organizations_account" "this" {
  for_each = { for a in var.accounts : a.name => a }

  name                       = each.key
  email                      = each.value.email
  parent_id                  = local.ou_ids[each.value.organizational_unit]
  close_on_deletion          = each.value.close_on_deletion
  iam_user_access_to_billing = each.value.iam_user_access_to_billing
  role_name                  = each.value.role_name
  tags                       = merge(var.tags, { AccountName = each.key })

  lifecycle {
    # The Organizations API does not return these after creation; changing them would force a new account.
    ignore_changes = [role_name, iam_user_access_to_billing]
  }
}
