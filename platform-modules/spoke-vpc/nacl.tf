# The isolated (data) tier's NACL: inbound only the database port from the private tier and replies
# to connections the tier opened itself; outbound only replies to the private tier and HTTPS to the
# interface endpoints there. Public and private tiers rely on security groups.
locals {
  isolated_ingress = concat(
    [for i, cidr in var.private_subnet_cidrs : { rule_no = 100 + i, cidr = cidr, from = var.database_port, to = var.database_port }],
    [for i, cidr in var.private_subnet_cidrs : { rule_no = 200 + i, cidr = cidr, from = 1024, to = 65535 }],
  )
  isolated_egress = concat(
    [for i, cidr in var.private_subnet_cidrs : { rule_no = 100 + i, cidr = cidr, from = 1024, to = 65535 }],
    [for i, cidr in var.private_subnet_cidrs : { rule_no = 200 + i, cidr = cidr, from = 443, to = 443 }],
  )
}

resource "aws_network_acl" "isolated" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = [for s in aws_subnet.isolated : s.id]
  tags       = merge(var.tags, { Name = "${var.name}-isolated", Tier = "isolated" })

  dynamic "ingress" {
    for_each = local.isolated_ingress
    content {
      rule_no    = ingress.value.rule_no
      action     = "allow"
      protocol   = "tcp"
      cidr_block = ingress.value.cidr
      from_port  = ingress.value.from
      to_port    = ingress.value.to
    }
  }

  dynamic "egress" {
    for_each = local.isolated_egress
    content {
      rule_no    = egress.value.rule_no
      action     = "allow"
      protocol   = "tcp"
      cidr_block = egress.value.cidr
      from_port  = egress.value.from
      to_port    = egress.value.to
    }
  }
}
