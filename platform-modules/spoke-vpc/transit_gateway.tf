resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  count              = var.enable_transit_gateway_attachment ? 1 : 0
  transit_gateway_id = var.transit_gateway_id
  vpc_id             = aws_vpc.this.id
  subnet_ids         = [for s in aws_subnet.private : s.id]
  dns_support        = "enable"

  # Only the TGW owner can set these; for a shared TGW they stay unset (its defaults are off anyway).
  transit_gateway_default_route_table_association = var.manage_transit_gateway_routing ? var.transit_gateway_default_route_table_association : null
  transit_gateway_default_route_table_propagation = var.manage_transit_gateway_routing ? false : null

  tags = merge(var.tags, { Name = var.name })

  lifecycle {
    # The local emulator (moto 5.2) drops tags given at creation of an attachment, so every later plan
    # would retag it; tags are set when the attachment is created and not managed afterwards.
    ignore_changes = [tags, tags_all]
  }
}

resource "aws_ec2_transit_gateway_route_table_association" "this" {
  count                          = var.enable_transit_gateway_attachment && var.manage_transit_gateway_routing ? 1 : 0
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[0].id
  transit_gateway_route_table_id = var.transit_gateway_route_table_id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "this" {
  for_each                       = var.enable_transit_gateway_attachment && var.manage_transit_gateway_routing ? var.transit_gateway_propagation_route_table_ids : {}
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[0].id
  transit_gateway_route_table_id = each.value
}
