resource "aws_dx_gateway" "corporate" {
  count           = var.direct_connect.enabled ? 1 : 0
  name            = var.name
  amazon_side_asn = tostring(var.direct_connect.amazon_side_asn)
}

# The TGW association advertises allowed_prefixes to the corporate network over the transit VIF.
resource "aws_dx_gateway_association" "tgw" {
  count                 = var.direct_connect.enabled ? 1 : 0
  dx_gateway_id         = aws_dx_gateway.corporate[0].id
  associated_gateway_id = var.transit_gateway_id
  allowed_prefixes      = var.direct_connect.allowed_prefixes
}

# Provider 5.x does not export the TGW attachment from the association, so it is read back. The
# attribute references (not depends_on) keep this read from being deferred when the association only
# changes in place, which would otherwise replace the route table association below.
data "aws_ec2_transit_gateway_dx_gateway_attachment" "this" {
  count              = var.direct_connect.enabled ? 1 : 0
  transit_gateway_id = aws_dx_gateway_association.tgw[0].associated_gateway_id
  dx_gateway_id      = aws_dx_gateway_association.tgw[0].dx_gateway_id
}

resource "aws_ec2_transit_gateway_route_table_association" "dx" {
  count                          = var.direct_connect.enabled ? 1 : 0
  transit_gateway_attachment_id  = data.aws_ec2_transit_gateway_dx_gateway_attachment.this[0].id
  transit_gateway_route_table_id = var.direct_connect.association_route_table_id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "dx" {
  for_each                       = var.direct_connect.enabled ? var.direct_connect.route_table_ids : {}
  transit_gateway_attachment_id  = data.aws_ec2_transit_gateway_dx_gateway_attachment.this[0].id
  transit_gateway_route_table_id = each.value
}
