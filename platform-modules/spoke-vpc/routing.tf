# Public tier: one route table, default route to the internet gateway.
resource "aws_internet_gateway" "this" {
  count  = local.create_internet_gateway ? 1 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-public", Tier = "public" })
}

resource "aws_route" "public_internet" {
  count                  = local.create_internet_gateway ? 1 : 0
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route" "public_transit" {
  for_each               = var.enable_transit_gateway_attachment ? toset(var.transit_gateway_cidrs) : toset([])
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = each.value
  transit_gateway_id     = var.transit_gateway_id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.this]
}

resource "aws_route_table_association" "public" {
  for_each       = local.azs
  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

# NAT gateways (hubs only): one per AZ so losing a zone does not cut egress for the others.
resource "aws_eip" "nat" {
  for_each = var.egress == "nat-gateway" ? local.azs : {}
  domain   = "vpc"
  tags     = merge(var.tags, { Name = "${var.name}-nat-${each.value}" })
}

resource "aws_nat_gateway" "this" {
  for_each      = var.egress == "nat-gateway" ? local.azs : {}
  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id
  tags          = merge(var.tags, { Name = "${var.name}-${each.value}" })

  depends_on = [aws_internet_gateway.this]
}

# Private tier: a route table per AZ (each AZ's NAT gateway in a hub).
resource "aws_route_table" "private" {
  for_each = local.azs
  vpc_id   = aws_vpc.this.id
  tags     = merge(var.tags, { Name = "${var.name}-private-${each.value}", Tier = "private" })
}

resource "aws_route" "private_default_nat" {
  for_each               = var.egress == "nat-gateway" ? local.azs : {}
  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.key].id
}

resource "aws_route" "private_default_transit" {
  for_each               = var.egress == "transit-gateway" && var.enable_transit_gateway_attachment ? local.azs : {}
  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  transit_gateway_id     = var.transit_gateway_id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.this]
}

resource "aws_route" "private_transit" {
  for_each = var.enable_transit_gateway_attachment ? {
    for pair in setproduct(keys(local.azs), var.transit_gateway_cidrs) : "${pair[0]}/${pair[1]}" => { az = pair[0], cidr = pair[1] }
  } : {}
  route_table_id         = aws_route_table.private[each.value.az].id
  destination_cidr_block = each.value.cidr
  transit_gateway_id     = var.transit_gateway_id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.this]
}

resource "aws_route_table_association" "private" {
  for_each       = local.azs
  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

# Isolated tier: only the VPC-local route; nothing leaves the VPC.
resource "aws_route_table" "isolated" {
  for_each = local.azs
  vpc_id   = aws_vpc.this.id
  tags     = merge(var.tags, { Name = "${var.name}-isolated-${each.value}", Tier = "isolated" })
}

resource "aws_route_table_association" "isolated" {
  for_each       = local.azs
  subnet_id      = aws_subnet.isolated[each.key].id
  route_table_id = aws_route_table.isolated[each.key].id
}
