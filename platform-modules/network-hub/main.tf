data "aws_caller_identity" "current" {}

resource "aws_ec2_transit_gateway" "this" {
  description                     = "${var.name} hub"
  amazon_side_asn                 = var.amazon_side_asn
  auto_accept_shared_attachments  = var.auto_accept_shared_attachments ? "enable" : "disable"
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"
  tags                            = merge(var.tags, { Name = var.name })
}

# Routing domains: an attachment is associated with exactly one and propagates into any number.
resource "aws_ec2_transit_gateway_route_table" "this" {
  for_each           = toset(var.route_tables)
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

locals {
  route_table_ids     = { for name, rt in aws_ec2_transit_gateway_route_table.this : name => rt.id }
  egress_route_tables = var.egress_route_tables != null ? var.egress_route_tables : [for r in var.route_tables : r if r != var.hub_route_table]
}

# The hub VPC is a three-tier VPC like the spokes, but its private tier leaves through NAT gateways
# (central egress) and it routes the spokes' CIDRs back to the TGW.
module "vpc" {
  source = "../spoke-vpc"

  name                  = var.name
  tags                  = var.tags
  vpc_cidr              = var.vpc_cidr
  availability_zones    = var.availability_zones
  public_subnet_cidrs   = var.public_subnet_cidrs
  private_subnet_cidrs  = var.private_subnet_cidrs
  isolated_subnet_cidrs = var.isolated_subnet_cidrs
  egress                = var.central_egress ? "nat-gateway" : "none"
  interface_endpoints   = var.interface_endpoints

  flow_log_retention_days = var.flow_log_retention_days
  flow_log_kms_key_arn    = var.flow_log_kms_key_arn

  enable_transit_gateway_attachment = true
  manage_transit_gateway_routing    = true
  transit_gateway_id                = aws_ec2_transit_gateway.this.id

  transit_gateway_default_route_table_association = var.transit_gateway_default_route_table_association
  transit_gateway_cidrs                           = var.spoke_cidrs
  transit_gateway_route_table_id                  = local.route_table_ids[var.hub_route_table]
  # By default the hub's CIDR is reachable from every routing domain.
  transit_gateway_propagation_route_table_ids = var.hub_propagation_route_tables == null ? local.route_table_ids : {
    for name in var.hub_propagation_route_tables : name => local.route_table_ids[name]
  }
}

# Stands for the hub attachment so routes to it are replaced when it is (see the routes' lifecycle).
resource "terraform_data" "hub_attachment" {
  input = module.vpc.transit_gateway_attachment_id
}

# Central egress: every spoke routing domain sends unknown destinations to the hub.
resource "aws_ec2_transit_gateway_route" "egress" {
  for_each                       = var.central_egress ? toset(local.egress_route_tables) : toset([])
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = module.vpc.transit_gateway_attachment_id
  transit_gateway_route_table_id = local.route_table_ids[each.value]

  lifecycle {
    # The local emulator (moto 5.2) reads static TGW routes back without their attachment, which
    # would replace them on every plan. A new attachment still replaces them, through the trigger.
    ignore_changes       = [blackhole, transit_gateway_attachment_id]
    replace_triggered_by = [terraform_data.hub_attachment]
  }
}
