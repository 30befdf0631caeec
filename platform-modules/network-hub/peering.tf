# Inter-region peering with the DR hub: requested here, accepted in the DR region through the aws.dr
# provider (which must act in the peer TGW's account), then routed on both sides.
locals {
  peering_enabled      = var.enable_peering
  peer_cidrs           = local.peering_enabled ? var.peering.peer_cidrs : []
  local_cidrs          = local.peering_enabled ? var.peering.local_cidrs : []
  peering_route_tables = local.peering_enabled ? var.peering.route_tables : []
  peer_route_table_id  = local.peering_enabled ? try(var.peering.peer_route_table_id, null) : null
  # Decided by local_cidrs (plain data), not by the peer table ID, which may be unknown at plan time.
  peer_side_routing     = local.peering_enabled && length(local.local_cidrs) > 0
  peering_local_routes  = { for pair in setproduct(local.peering_route_tables, local.peer_cidrs) : "${pair[0]}/${pair[1]}" => { route_table = pair[0], cidr = pair[1] } }
  peering_remote_routes = local.peer_side_routing ? toset(local.local_cidrs) : toset([])
}

resource "aws_ec2_transit_gateway_peering_attachment" "dr" {
  count                   = local.peering_enabled ? 1 : 0
  transit_gateway_id      = aws_ec2_transit_gateway.this.id
  peer_transit_gateway_id = var.peering.peer_transit_gateway_id
  peer_region             = var.peering.peer_region
  peer_account_id         = coalesce(try(var.peering.peer_account_id, null), data.aws_caller_identity.current.account_id)
  # One attachment ID serves both sides (and moto shares its tags), so both sides carry the same Name.
  tags = merge(var.tags, { Name = "${var.name}-peering-${var.peering.peer_region}" })
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "dr" {
  provider                      = aws.dr
  count                         = local.peering_enabled ? 1 : 0
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.dr[0].id
  tags                          = merge(var.tags, { Name = "${var.name}-peering-${var.peering.peer_region}" })
}

resource "aws_ec2_transit_gateway_route_table_association" "peering" {
  count                          = local.peering_enabled ? 1 : 0
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.dr[0].id
  transit_gateway_route_table_id = local.route_table_ids[var.hub_route_table]

  depends_on = [aws_ec2_transit_gateway_peering_attachment_accepter.dr]
}

# Peering attachments do not propagate: each side needs static routes to the other's CIDRs.
resource "aws_ec2_transit_gateway_route" "to_peer" {
  for_each                       = local.peering_local_routes
  destination_cidr_block         = each.value.cidr
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.dr[0].id
  transit_gateway_route_table_id = local.route_table_ids[each.value.route_table]

  depends_on = [aws_ec2_transit_gateway_peering_attachment_accepter.dr]

  lifecycle {
    # As for the egress routes: moto reads static routes back without their attachment.
    ignore_changes       = [blackhole, transit_gateway_attachment_id]
    replace_triggered_by = [aws_ec2_transit_gateway_peering_attachment.dr]
  }
}

resource "aws_ec2_transit_gateway_route_table_association" "peer_side" {
  provider                       = aws.dr
  count                          = local.peer_side_routing ? 1 : 0
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.dr[0].id
  transit_gateway_route_table_id = local.peer_route_table_id
}

resource "aws_ec2_transit_gateway_route" "from_peer" {
  provider                       = aws.dr
  for_each                       = local.peering_remote_routes
  destination_cidr_block         = each.value
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.dr[0].id
  transit_gateway_route_table_id = local.peer_route_table_id

  lifecycle {
    ignore_changes       = [blackhole, transit_gateway_attachment_id]
    replace_triggered_by = [aws_ec2_transit_gateway_peering_attachment.dr]
  }
}
