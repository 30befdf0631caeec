mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_vpn_connection" {
    defaults = {
      transit_gateway_attachment_id = "tgw-attach-0000000000000vpn"
      tunnel1_address               = "198.51.100.1"
      tunnel2_address               = "198.51.100.2"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/vpn/corporate-use1/tunnels" }
  }
  mock_data "aws_ec2_transit_gateway_dx_gateway_attachment" {
    defaults = { id = "tgw-attach-00000000000000dx" }
  }
}

variables {
  name               = "corporate-use1"
  transit_gateway_id = "tgw-0123456789abcdef0"
}

run "both_off_until_the_blocker_clears" {
  command = plan

  assert {
    condition     = length(aws_customer_gateway.corporate) == 0 && length(aws_vpn_connection.corporate) == 0 && length(aws_cloudwatch_log_group.vpn) == 0 && length(aws_kms_key.vpn_logs) == 0
    error_message = "no VPN resources by default"
  }

  assert {
    condition     = length(aws_dx_gateway.corporate) == 0 && length(aws_dx_gateway_association.tgw) == 0
    error_message = "no Direct Connect resources by default"
  }
}

run "bgp_vpn_on_the_transit_gateway_with_tunnel_logs" {
  command = apply

  variables {
    vpn = {
      enabled                    = true
      customer_gateway_ip        = "203.0.113.10"
      customer_gateway_asn       = 65010
      association_route_table_id = "tgw-rtb-00000000000shared"
      route_table_ids            = { prod = "tgw-rtb-0000000000000prod", nonprod = "tgw-rtb-0000000000nonprod" }
    }
  }

  assert {
    condition     = aws_customer_gateway.corporate[0].ip_address == "203.0.113.10" && aws_customer_gateway.corporate[0].bgp_asn == "65010"
    error_message = "the customer gateway carries the corporate device's address and ASN"
  }

  assert {
    condition     = aws_vpn_connection.corporate[0].transit_gateway_id == "tgw-0123456789abcdef0" && aws_vpn_connection.corporate[0].static_routes_only == false
    error_message = "the VPN terminates on the TGW and uses BGP"
  }

  assert {
    condition     = aws_vpn_connection.corporate[0].tunnel1_log_options[0].cloudwatch_log_options[0].log_enabled && aws_vpn_connection.corporate[0].tunnel2_log_options[0].cloudwatch_log_options[0].log_group_arn == aws_cloudwatch_log_group.vpn[0].arn
    error_message = "both tunnels log to the encrypted group"
  }

  assert {
    condition     = aws_cloudwatch_log_group.vpn[0].kms_key_id == aws_kms_key.vpn_logs[0].arn && aws_kms_key.vpn_logs[0].enable_key_rotation
    error_message = "tunnel logs are encrypted with a rotating CMK"
  }

  assert {
    condition = (
      [for s in jsondecode(aws_kms_key.vpn_logs[0].policy).Statement : s.Sid] == ["AccountAdministration", "CloudWatchLogsUsesKeyForThisGroup"] &&
      jsondecode(aws_kms_key.vpn_logs[0].policy).Statement[1].Principal.Service == "logs.us-east-1.amazonaws.com" &&
      jsondecode(aws_kms_key.vpn_logs[0].policy).Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:us-east-1:123456789012:log-group:/vpn/corporate-use1/tunnels"
    )
    error_message = "the account administers the tunnel-log CMK, and CloudWatch Logs may use it for the tunnel log group only"
  }

  assert {
    condition     = aws_ec2_transit_gateway_route_table_association.vpn[0].transit_gateway_route_table_id == "tgw-rtb-00000000000shared" && toset(keys(aws_ec2_transit_gateway_route_table_propagation.vpn)) == toset(["prod", "nonprod"]) && length(aws_ec2_transit_gateway_route.vpn) == 0
    error_message = "BGP routes propagate into the listed tables; no static routes"
  }

  assert {
    condition     = output.vpn_tunnel_addresses == ["198.51.100.1", "198.51.100.2"] && output.vpn_transit_gateway_attachment_id == "tgw-attach-0000000000000vpn"
    error_message = "outputs give the tunnel endpoints and the attachment"
  }
}

run "static_vpn_routes_corporate_cidrs" {
  command = apply

  variables {
    vpn = {
      enabled                    = true
      customer_gateway_ip        = "203.0.113.10"
      static_routes_only         = true
      corporate_cidrs            = ["10.0.0.0/12", "172.16.0.0/16"]
      association_route_table_id = "tgw-rtb-00000000000shared"
      route_table_ids            = { prod = "tgw-rtb-0000000000000prod" }
    }
    log_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  }

  assert {
    condition     = toset(keys(aws_ec2_transit_gateway_route.vpn)) == toset(["prod/10.0.0.0/12", "prod/172.16.0.0/16"]) && alltrue([for r in aws_ec2_transit_gateway_route.vpn : r.transit_gateway_attachment_id == "tgw-attach-0000000000000vpn"])
    error_message = "each corporate CIDR is routed to the VPN attachment"
  }

  assert {
    condition     = length(aws_ec2_transit_gateway_route_table_propagation.vpn) == 0 && length(aws_kms_key.vpn_logs) == 0 && aws_cloudwatch_log_group.vpn[0].kms_key_id == var.log_kms_key_arn
    error_message = "static mode does not propagate; a given key is used"
  }
}

run "direct_connect_gateway_associated_with_the_tgw" {
  command = apply

  variables {
    direct_connect = {
      enabled                    = true
      allowed_prefixes           = ["10.16.0.0/12"]
      association_route_table_id = "tgw-rtb-00000000000shared"
      route_table_ids            = { prod = "tgw-rtb-0000000000000prod" }
    }
  }

  assert {
    condition     = aws_dx_gateway.corporate[0].amazon_side_asn == "64513" && aws_dx_gateway.corporate[0].name == "corporate-use1"
    error_message = "DX gateway with its private ASN"
  }

  assert {
    condition     = aws_dx_gateway_association.tgw[0].associated_gateway_id == "tgw-0123456789abcdef0" && aws_dx_gateway_association.tgw[0].allowed_prefixes == toset(["10.16.0.0/12"])
    error_message = "the DX gateway is associated with the TGW and advertises the allowed prefixes"
  }

  assert {
    condition     = aws_ec2_transit_gateway_route_table_association.dx[0].transit_gateway_attachment_id == "tgw-attach-00000000000000dx" && aws_ec2_transit_gateway_route_table_propagation.dx["prod"].transit_gateway_route_table_id == "tgw-rtb-0000000000000prod"
    error_message = "the DX attachment is routed like the VPN"
  }

  assert {
    condition     = length(aws_vpn_connection.corporate) == 0
    error_message = "Direct Connect does not bring the VPN with it"
  }
}

run "rejects_a_vpn_without_gateway_address_or_route_table" {
  command = plan

  variables {
    vpn = { enabled = true, customer_gateway_ip = "not-an-ip" }
  }

  expect_failures = [var.vpn]
}

run "rejects_direct_connect_without_prefixes_and_a_public_asn" {
  command = plan

  variables {
    direct_connect = { enabled = true, amazon_side_asn = 7224 }
  }

  expect_failures = [var.direct_connect]
}

run "rejects_enabling_without_a_transit_gateway" {
  command = plan

  variables {
    transit_gateway_id = null
    direct_connect     = { enabled = true, allowed_prefixes = ["10.16.0.0/12"], association_route_table_id = "tgw-rtb-00000000000shared" }
  }

  expect_failures = [var.transit_gateway_id]
}
