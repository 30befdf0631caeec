# Spoke accounts attach to this TGW through a RAM share with the organization; external principals are
# refused so the share cannot leave the organization.
resource "aws_ram_resource_share" "tgw" {
  count                     = var.enable_ram_share ? 1 : 0
  name                      = "${var.name}-transit-gateway"
  allow_external_principals = false
  tags                      = var.tags
}

resource "aws_ram_resource_association" "tgw" {
  count              = var.enable_ram_share ? 1 : 0
  resource_arn       = aws_ec2_transit_gateway.this.arn
  resource_share_arn = aws_ram_resource_share.tgw[0].arn
}

resource "aws_ram_principal_association" "tgw" {
  for_each           = var.enable_ram_share ? toset(var.ram_principals) : toset([])
  principal          = each.value
  resource_share_arn = aws_ram_resource_share.tgw[0].arn
}

# Attachments made by spoke stacks in other accounts: only the TGW owner may accept, associate and
# propagate them.
locals {
  spoke_attachments = { for s in var.spoke_attachments : s.name => s }
  spoke_propagations = merge([
    for s in var.spoke_attachments : { for rt in s.propagate_to : "${s.name}/${rt}" => { attachment_id = s.attachment_id, route_table = rt, spoke = s.name } }
  ]...)
}

resource "aws_ec2_transit_gateway_vpc_attachment_accepter" "spoke" {
  for_each                      = { for name, s in local.spoke_attachments : name => s if s.accept }
  transit_gateway_attachment_id = each.value.attachment_id

  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_ec2_transit_gateway_route_table_association" "spoke" {
  for_each                       = local.spoke_attachments
  transit_gateway_attachment_id  = each.value.attachment_id
  transit_gateway_route_table_id = local.route_table_ids[each.value.route_table]

  depends_on = [aws_ec2_transit_gateway_vpc_attachment_accepter.spoke]
}

resource "aws_ec2_transit_gateway_route_table_propagation" "spoke" {
  for_each                       = local.spoke_propagations
  transit_gateway_attachment_id  = each.value.attachment_id
  transit_gateway_route_table_id = local.route_table_ids[each.value.route_table]

  depends_on = [aws_ec2_transit_gateway_vpc_attachment_accepter.spoke]
}
