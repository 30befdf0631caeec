data "aws_region" "current" {}

locals {
  az_count = length(var.availability_zones)
  azs      = { for i, az in var.availability_zones : tostring(i) => az }

  tier_subnets = {
    public   = [for i in range(local.az_count) : aws_subnet.public[tostring(i)]]
    private  = [for i in range(local.az_count) : aws_subnet.private[tostring(i)]]
    isolated = [for i in range(local.az_count) : aws_subnet.isolated[tostring(i)]]
  }

  create_internet_gateway = var.egress == "nat-gateway" || var.egress == "transit-gateway"
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

# The default security group is emptied so nothing can use it by accident.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-default-unused" })
}

resource "aws_subnet" "public" {
  for_each                = local.azs
  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.value
  cidr_block              = var.public_subnet_cidrs[tonumber(each.key)]
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "${var.name}-public-${each.value}", Tier = "public" })
}

resource "aws_subnet" "private" {
  for_each          = local.azs
  vpc_id            = aws_vpc.this.id
  availability_zone = each.value
  cidr_block        = var.private_subnet_cidrs[tonumber(each.key)]
  tags              = merge(var.tags, { Name = "${var.name}-private-${each.value}", Tier = "private" })
}

resource "aws_subnet" "isolated" {
  for_each          = local.azs
  vpc_id            = aws_vpc.this.id
  availability_zone = each.value
  cidr_block        = var.isolated_subnet_cidrs[tonumber(each.key)]
  tags              = merge(var.tags, { Name = "${var.name}-isolated-${each.value}", Tier = "isolated" })
}
