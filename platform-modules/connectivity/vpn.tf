data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  vpn_enabled    = var.vpn.enabled
  log_group      = "/vpn/${var.name}/tunnels"
  create_log_key = local.vpn_enabled && var.log_kms_key_arn == null
  log_kms_key    = var.log_kms_key_arn != null ? var.log_kms_key_arn : one(aws_kms_key.vpn_logs[*].arn)
  vpn_static_routes = local.vpn_enabled && var.vpn.static_routes_only ? {
    for pair in setproduct(keys(var.vpn.route_table_ids), var.vpn.corporate_cidrs) : "${pair[0]}/${pair[1]}" => { route_table = pair[0], cidr = pair[1] }
  } : {}
  vpn_propagations = local.vpn_enabled && !var.vpn.static_routes_only ? var.vpn.route_table_ids : {}
}

resource "aws_customer_gateway" "corporate" {
  count      = local.vpn_enabled ? 1 : 0
  bgp_asn    = tostring(var.vpn.customer_gateway_asn)
  ip_address = var.vpn.customer_gateway_ip
  type       = "ipsec.1"
  tags       = merge(var.tags, { Name = var.name })
}

resource "aws_kms_key" "vpn_logs" {
  count                   = local.create_log_key ? 1 : 0
  description             = "VPN tunnel logs of ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = module.vpn_logs_key_policy.json
  tags                    = merge(var.tags, { Name = "${var.name}-vpn-logs" })
}

module "vpn_logs_key_policy" {
  source = "../kms-key-policy"

  account_id           = data.aws_caller_identity.current.account_id
  partition            = data.aws_partition.current.partition
  cloudwatch_log_group = { name = local.log_group, region = data.aws_region.current.name }
}

resource "aws_cloudwatch_log_group" "vpn" {
  count             = local.vpn_enabled ? 1 : 0
  name              = local.log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = local.log_kms_key
  tags              = var.tags
}

resource "aws_vpn_connection" "corporate" {
  count               = local.vpn_enabled ? 1 : 0
  customer_gateway_id = aws_customer_gateway.corporate[0].id
  transit_gateway_id  = var.transit_gateway_id
  type                = "ipsec.1"
  static_routes_only  = var.vpn.static_routes_only

  tunnel1_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.vpn[0].arn
      log_output_format = "json"
    }
  }

  tunnel2_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.vpn[0].arn
      log_output_format = "json"
    }
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ec2_transit_gateway_route_table_association" "vpn" {
  count                          = local.vpn_enabled ? 1 : 0
  transit_gateway_attachment_id  = aws_vpn_connection.corporate[0].transit_gateway_attachment_id
  transit_gateway_route_table_id = var.vpn.association_route_table_id
}

# BGP: corporate routes learned over the tunnels are propagated into the listed tables.
resource "aws_ec2_transit_gateway_route_table_propagation" "vpn" {
  for_each                       = local.vpn_propagations
  transit_gateway_attachment_id  = aws_vpn_connection.corporate[0].transit_gateway_attachment_id
  transit_gateway_route_table_id = each.value
}

# Static: the corporate CIDRs are routed to the VPN attachment in the listed tables.
resource "aws_ec2_transit_gateway_route" "vpn" {
  for_each                       = local.vpn_static_routes
  destination_cidr_block         = each.value.cidr
  transit_gateway_attachment_id  = aws_vpn_connection.corporate[0].transit_gateway_attachment_id
  transit_gateway_route_table_id = var.vpn.route_table_ids[each.value.route_table]
}
