locals {
  # Policy statements by kind. Every kind is a Deny: SCPs only narrow what IAM in member accounts allows.
  scp_statements = {
    "deny-leave-organization" = [
      {
        Sid      = "DenyLeaveOrganization"
        Effect   = "Deny"
        Action   = ["organizations:LeaveOrganization"]
        Resource = "*"
      },
    ]
    "deny-security-service-changes" = [
      {
        Sid    = "DenySecurityServiceChanges"
        Effect = "Deny"
        Action = [
          "cloudtrail:DeleteTrail",
          "cloudtrail:PutEventSelectors",
          "cloudtrail:StopLogging",
          "cloudtrail:UpdateTrail",
          "config:DeleteConfigRule",
          "config:DeleteConfigurationRecorder",
          "config:DeleteDeliveryChannel",
          "config:StopConfigurationRecorder",
          "guardduty:DeleteDetector",
          "guardduty:DeleteMembers",
          "guardduty:DisassociateFromAdministratorAccount",
          "guardduty:DisassociateFromMasterAccount",
          "guardduty:DisassociateMembers",
          "guardduty:StopMonitoringMembers",
          "guardduty:UpdateDetector",
        ]
        Resource = "*"
      },
    ]
    "deny-root-user" = [
      {
        Sid       = "DenyRootUser"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { StringLike = { "aws:PrincipalArn" = ["arn:aws:iam::*:root"] } }
      },
    ]
    "deny-iam-users-and-access-keys" = [
      {
        Sid    = "DenyLongLivedCredentials"
        Effect = "Deny"
        Action = [
          "iam:CreateAccessKey",
          "iam:CreateLoginProfile",
          "iam:CreateUser",
          "iam:UpdateAccessKey",
          "iam:UpdateLoginProfile",
        ]
        Resource = "*"
      },
    ]
    "require-imdsv2" = [
      {
        Sid       = "RequireImdsV2OnLaunch"
        Effect    = "Deny"
        Action    = "ec2:RunInstances"
        Resource  = "arn:aws:ec2:*:*:instance/*"
        Condition = { StringNotEquals = { "ec2:MetadataHttpTokens" = "required" } }
      },
      {
        Sid       = "DenyImdsV1Reenable"
        Effect    = "Deny"
        Action    = "ec2:ModifyInstanceMetadataOptions"
        Resource  = "*"
        Condition = { StringNotEquals = { "ec2:Attribute/HttpTokens" = "required" } }
      },
      {
        Sid       = "DenyImdsV1Credentials"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { NumericLessThan = { "ec2:RoleDelivery" = "2.0" } }
      },
    ]
  }

  # Global services answer from us-east-1 whatever the caller's region, so the region policy exempts
  # them through NotAction; with no exemptions it denies every action outside the allowed regions.
  region_statements = {
    for p in var.service_control_policies : p.name => jsonencode([
      merge(
        {
          Sid       = "DenyRegionsOutsideAllowed"
          Effect    = "Deny"
          Resource  = "*"
          Condition = { StringNotEquals = { "aws:RequestedRegion" = sort(p.allowed_regions) } }
        },
        { NotAction = sort(p.exempt_actions) },
      )
    ]) if p.kind == "deny-regions-outside-allowed" && length(p.exempt_actions) > 0
  }
  region_statements_no_exemptions = {
    for p in var.service_control_policies : p.name => jsonencode([
      {
        Sid       = "DenyRegionsOutsideAllowed"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:RequestedRegion" = sort(p.allowed_regions) } }
      },
    ]) if p.kind == "deny-regions-outside-allowed" && length(p.exempt_actions) == 0
  }

  scp_documents = {
    for p in var.service_control_policies : p.name => format(
      "{\"Version\":\"2012-10-17\",\"Statement\":%s}",
      p.kind == "deny-regions-outside-allowed"
      ? merge(local.region_statements, local.region_statements_no_exemptions)[p.name]
      : jsonencode(local.scp_statements[p.kind])
    )
  }

  scp_attachments = merge([
    for p in var.service_control_policies : { for ou in p.attach_to : "${p.name}/${ou}" => { policy = p.name, ou = ou } }
  ]...)
}

resource "aws_organizations_policy" "this" {
  for_each = { for p in var.service_control_policies : p.name => p }

  name        = "${var.name}-${each.key}"
  description = each.value.description != "" ? each.value.description : "Service control policy ${each.value.kind}"
  type        = "SERVICE_CONTROL_POLICY"
  content     = local.scp_documents[each.key]
  tags        = merge(var.tags, { PolicyKind = each.value.kind })

  depends_on = [aws_organizations_organization.this]
}

resource "aws_organizations_policy_attachment" "this" {
  for_each = local.scp_attachments

  policy_id = aws_organizations_policy.this[each.value.policy].id
  target_id = local.ou_ids[each.value.ou]
}
