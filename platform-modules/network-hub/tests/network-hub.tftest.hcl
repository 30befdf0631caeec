mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_ec2_transit_gateway" {
    defaults = {
      id  = "tgw-0123456789abcdef0"
      arn = "arn:aws:ec2:us-east-1:123456789012:transit-gateway/tgw-0123456789abcdef0"
    }
  }
  mock_resource "aws_ec2_transit_gateway_vpc_attachment" {
    defaults = { id = "tgw-attach-0000000000000hub" }
  }
  mock_resource "aws_ec2_transit_gateway_peering_attachment" {
    defaults = { id = "tgw-attach-00000000000peer" }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:us-east-1:123456789012:resource-share/8a1b2c3d-0000-1111-2222-333344445555" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/hub-use1/flow-logs" }
  }
}

mock_provider "aws" {
  alias  = "dr"
  source = "../mocks"

  mock_resource "aws_ec2_transit_gateway_peering_attachment_accepter" {
    defaults = { id = "tgw-attach-00000000000peer" }
  }
}

override_resource {
  target = aws_ec2_transit_gateway_route_table.this["shared"]
  values = { id = "tgw-rtb-00000000000shared" }
}

override_resource {
  target = aws_ec2_transit_gateway_route_table.this["prod"]
  values = { id = "tgw-rtb-0000000000000prod" }
}

override_resource {
  target = aws_ec2_transit_gateway_route_table.this["nonprod"]
  values = { id = "tgw-rtb-0000000000nonprod" }
}

variables {
  name                  = "hub-use1"
  amazon_side_asn       = 64512
  route_tables          = ["shared", "prod", "nonprod"]
  vpc_cidr              = "10.16.0.0/16"
  availability_zones    = ["us-east-1a", "us-east-1b", "us-east-1c"]
  public_subnet_cidrs   = ["10.16.0.0/24", "10.16.1.0/24", "10.16.2.0/24"]
  private_subnet_cidrs  = ["10.16.16.0/20", "10.16.32.0/20", "10.16.48.0/20"]
  isolated_subnet_cidrs = ["10.16.64.0/22", "10.16.68.0/22", "10.16.72.0/22"]
  spoke_cidrs           = ["10.16.0.0/12"]
  ram_principals        = ["arn:aws:organizations::123456789012:organization/o-abcdef1234"]
  tags                  = { Owner = "network-team" }
}

run "transit_gateway_with_named_route_tables_and_no_defaults" {
  command = apply

  assert {
    condition     = aws_ec2_transit_gateway.this.amazon_side_asn == 64512 && aws_ec2_transit_gateway.this.default_route_table_association == "disable" && aws_ec2_transit_gateway.this.default_route_table_propagation == "disable"
    error_message = "TGW with its ASN and no default association or propagation"
  }

  assert {
    condition     = aws_ec2_transit_gateway.this.auto_accept_shared_attachments == "disable"
    error_message = "shared attachments are accepted explicitly by default"
  }

  assert {
    condition     = output.route_table_ids == { shared = "tgw-rtb-00000000000shared", prod = "tgw-rtb-0000000000000prod", nonprod = "tgw-rtb-0000000000nonprod" }
    error_message = "one TGW route table per name"
  }

  assert {
    condition     = module.vpc.transit_gateway_attachment_id == "tgw-attach-0000000000000hub" && output.hub_attachment_id == "tgw-attach-0000000000000hub"
    error_message = "the hub VPC is attached"
  }

  assert {
    condition     = module.vpc.propagation_route_table_ids == output.route_table_ids
    error_message = "by default the hub propagates into every route table"
  }

  assert {
    condition     = length(aws_ram_resource_share.tgw) == 1 && aws_ram_resource_share.tgw[0].allow_external_principals == false && aws_ram_resource_association.tgw[0].resource_arn == aws_ec2_transit_gateway.this.arn
    error_message = "the TGW is shared through RAM, inside the organization only"
  }

  assert {
    condition     = [for p in aws_ram_principal_association.tgw : p.principal] == ["arn:aws:organizations::123456789012:organization/o-abcdef1234"]
    error_message = "the share goes to the organization"
  }
}

run "central_egress_nat_per_az_and_default_routes_from_spoke_domains" {
  command = apply

  assert {
    condition     = length(module.vpc.nat_gateway_ids) == 3 && length(output.subnet_ids.public) == 3 && length(output.subnet_ids.private) == 3 && length(output.subnet_ids.isolated) == 3
    error_message = "three tiers in each AZ and a NAT gateway per AZ"
  }

  assert {
    condition     = keys(aws_ec2_transit_gateway_route.egress) == ["nonprod", "prod"] && alltrue([for r in aws_ec2_transit_gateway_route.egress : r.destination_cidr_block == "0.0.0.0/0" && r.transit_gateway_attachment_id == "tgw-attach-0000000000000hub"])
    error_message = "prod and nonprod send 0.0.0.0/0 to the hub attachment; shared does not"
  }

  assert {
    condition     = length(aws_ec2_transit_gateway_peering_attachment.dr) == 0 && output.peering_attachment_id == null
    error_message = "no peering unless enabled"
  }
}

run "switches_turn_off_ram_share_and_egress" {
  command = plan

  variables {
    enable_ram_share             = false
    central_egress               = false
    hub_propagation_route_tables = ["shared"]
  }

  assert {
    condition     = keys(module.vpc.propagation_route_table_ids) == ["shared"]
    error_message = "the hub propagates only into the listed tables"
  }

  assert {
    condition     = length(aws_ram_resource_share.tgw) == 0 && length(aws_ram_resource_association.tgw) == 0 && length(aws_ram_principal_association.tgw) == 0
    error_message = "RAM share switched off (the local emulator cannot read it back)"
  }

  assert {
    condition     = length(aws_ec2_transit_gateway_route.egress) == 0
    error_message = "no default routes without central egress"
  }
}

run "inter_region_peering_requested_here_and_accepted_in_dr" {
  command = apply

  variables {
    enable_peering = true
    peering = {
      peer_transit_gateway_id = "tgw-0fedcba9876543210"
      peer_region             = "us-west-2"
      peer_cidrs              = ["10.32.0.0/12"]
      route_tables            = ["shared", "prod"]
      local_cidrs             = ["10.16.0.0/12"]
      peer_route_table_id     = "tgw-rtb-000000000drshared"
    }
  }

  assert {
    condition     = aws_ec2_transit_gateway_peering_attachment.dr[0].peer_region == "us-west-2" && aws_ec2_transit_gateway_peering_attachment.dr[0].peer_account_id == "123456789012"
    error_message = "peering requested towards the DR region in this account by default"
  }

  assert {
    condition     = aws_ec2_transit_gateway_peering_attachment_accepter.dr[0].transit_gateway_attachment_id == "tgw-attach-00000000000peer"
    error_message = "the DR side accepts the attachment"
  }

  assert {
    condition     = toset(keys(aws_ec2_transit_gateway_route.to_peer)) == toset(["shared/10.32.0.0/12", "prod/10.32.0.0/12"])
    error_message = "static routes to the DR supernet in the listed route tables"
  }

  assert {
    condition     = aws_ec2_transit_gateway_route.from_peer["10.16.0.0/12"].transit_gateway_route_table_id == "tgw-rtb-000000000drshared" && aws_ec2_transit_gateway_route_table_association.peer_side[0].transit_gateway_route_table_id == "tgw-rtb-000000000drshared"
    error_message = "the DR side routes back to this region"
  }
}

run "spoke_attachments_from_other_accounts_are_routed_by_the_owner" {
  command = apply

  variables {
    spoke_attachments = [
      { name = "prod-use1", attachment_id = "tgw-attach-0aaaaaaaaaaaaaaaa", route_table = "prod", propagate_to = ["shared", "prod"], accept = true },
      { name = "dev-use1", attachment_id = "tgw-attach-0bbbbbbbbbbbbbbbb", route_table = "nonprod", propagate_to = ["shared"] },
    ]
  }

  assert {
    condition     = aws_ec2_transit_gateway_route_table_association.spoke["prod-use1"].transit_gateway_route_table_id == "tgw-rtb-0000000000000prod" && aws_ec2_transit_gateway_route_table_association.spoke["dev-use1"].transit_gateway_route_table_id == "tgw-rtb-0000000000nonprod"
    error_message = "spokes are associated with their routing domain"
  }

  assert {
    condition     = toset(keys(aws_ec2_transit_gateway_route_table_propagation.spoke)) == toset(["prod-use1/shared", "prod-use1/prod", "dev-use1/shared"])
    error_message = "spokes propagate into the listed tables only (prod and nonprod stay apart)"
  }

  assert {
    condition     = keys(aws_ec2_transit_gateway_vpc_attachment_accepter.spoke) == ["prod-use1"]
    error_message = "only attachments marked accept are accepted"
  }
}

run "rejects_public_asn_and_unknown_route_tables" {
  command = plan

  variables {
    amazon_side_asn = 16509
    hub_route_table = "transit"
  }

  expect_failures = [var.amazon_side_asn, var.hub_route_table]
}

run "rejects_peering_without_its_settings" {
  command = plan

  variables {
    enable_peering = true
  }

  expect_failures = [var.peering]
}

run "rejects_peer_routes_without_a_peer_route_table" {
  command = plan

  variables {
    enable_peering = true
    peering = {
      peer_transit_gateway_id = "tgw-0fedcba9876543210"
      peer_region             = "us-west-2"
      peer_cidrs              = ["10.32.0.0/12"]
      route_tables            = ["shared"]
      local_cidrs             = ["10.16.0.0/12"]
    }
  }

  expect_failures = [var.peering]
}
