locals {
  lookup_instance   = (var.enable_permission_sets || var.enable_assignments) && (var.instance_arn == null || var.identity_store_id == null)
  instance_arn      = var.instance_arn != null ? var.instance_arn : try(tolist(data.aws_ssoadmin_instances.this[0].arns)[0], null)
  identity_store_id = var.identity_store_id != null ? var.identity_store_id : try(tolist(data.aws_ssoadmin_instances.this[0].identity_store_ids)[0], null)

  permission_sets = var.enable_permission_sets ? { for p in var.permission_sets : p.name => p } : {}
  policy_attachments = var.enable_permission_sets ? merge([
    for p in var.permission_sets : { for arn in p.managed_policies : "${p.name}/${arn}" => { permission_set = p.name, policy_arn = arn } }
  ]...) : {}

  assignment_groups = var.enable_assignments ? toset([for a in var.assignments : a.group]) : toset([])
  looked_up_groups  = setsubtract(local.assignment_groups, keys(var.group_ids))
  group_ids = merge(
    { for g in local.assignment_groups : g => var.group_ids[g] if contains(keys(var.group_ids), g) },
    { for g, d in data.aws_identitystore_group.this : g => d.group_id },
  )

  account_assignments = var.enable_assignments ? merge([
    for a in var.assignments : {
      for acct in a.accounts : "${a.group}/${a.permission_set}/${acct}" => {
        group          = a.group
        permission_set = a.permission_set
        account_id     = var.account_ids[acct]
      }
    }
  ]...) : {}
}

data "aws_ssoadmin_instances" "this" {
  count = local.lookup_instance ? 1 : 0
}

resource "aws_ssoadmin_permission_set" "this" {
  for_each         = local.permission_sets
  name             = each.key
  description      = each.value.description != "" ? each.value.description : "${each.key} (${var.name})"
  instance_arn     = local.instance_arn
  session_duration = "PT${each.value.session_hours}H"
  tags             = var.tags
}

resource "aws_ssoadmin_managed_policy_attachment" "this" {
  # checkov:skip=CKV_AWS_274: which managed policies a permission set carries is the spec's decision (identity.workforce.permissionSets); the platform team's administrator set holds AdministratorAccess for one-hour sessions, behind Okta MFA
  for_each           = local.policy_attachments
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.permission_set].arn
  managed_policy_arn = each.value.policy_arn
}

# Groups are provisioned from Okta by SCIM; they are found by display name in the identity store.
data "aws_identitystore_group" "this" {
  for_each          = local.looked_up_groups
  identity_store_id = local.identity_store_id

  alternate_identifier {
    unique_attribute {
      attribute_path  = "DisplayName"
      attribute_value = each.value
    }
  }
}

resource "aws_ssoadmin_account_assignment" "this" {
  for_each           = local.account_assignments
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.permission_set].arn
  principal_type     = "GROUP"
  principal_id       = local.group_ids[each.value.group]
  target_type        = "AWS_ACCOUNT"
  target_id          = each.value.account_id

  # A permission set must hold its policies before it is provisioned into accounts.
  depends_on = [aws_ssoadmin_managed_policy_attachment.this]
}
