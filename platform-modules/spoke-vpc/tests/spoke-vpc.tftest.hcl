mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/prod-use1/flow-logs" }
  }
}

variables {
  name                  = "prod-use1"
  vpc_cidr              = "10.17.0.0/16"
  availability_zones    = ["us-east-1a", "us-east-1b", "us-east-1c"]
  public_subnet_cidrs   = ["10.17.0.0/22", "10.17.4.0/22", "10.17.8.0/22"]
  private_subnet_cidrs  = ["10.17.32.0/19", "10.17.64.0/19", "10.17.96.0/19"]
  isolated_subnet_cidrs = ["10.17.128.0/22", "10.17.132.0/22", "10.17.136.0/22"]
  transit_gateway_id    = "tgw-0123456789abcdef0"

  transit_gateway_route_table_id              = "tgw-rtb-0000000000000prod"
  transit_gateway_propagation_route_table_ids = { shared = "tgw-rtb-00000000000shared" }
  interface_endpoints                         = ["ssm", "ecr.api", "logs"]
  tags                                        = { Environment = "prod" }
}

run "three_tiers_per_az_with_egress_through_the_transit_gateway" {
  command = apply

  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_subnet.private) == 3 && length(aws_subnet.isolated) == 3
    error_message = "expected one subnet per tier in each of the three AZs"
  }

  assert {
    condition     = tolist(output.subnet_cidrs.private) == var.private_subnet_cidrs && tolist(output.subnet_cidrs.isolated) == var.isolated_subnet_cidrs && tolist(output.subnet_cidrs.public) == var.public_subnet_cidrs
    error_message = "subnet CIDRs must follow the given lists in AZ order"
  }

  assert {
    condition     = tolist([for s in aws_subnet.private : s.availability_zone]) == var.availability_zones
    error_message = "private subnets must be spread over the AZs in order"
  }

  assert {
    condition     = alltrue([for s in aws_subnet.public : s.map_public_ip_on_launch == false])
    error_message = "public subnets must not hand out public IPs"
  }

  assert {
    condition     = length(aws_route.private_default_transit) == 3 && alltrue([for r in aws_route.private_default_transit : r.transit_gateway_id == var.transit_gateway_id && r.destination_cidr_block == "0.0.0.0/0"])
    error_message = "each private route table needs a default route to the transit gateway"
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 0 && length(aws_route.private_default_nat) == 0
    error_message = "a spoke has no NAT gateways of its own"
  }

  assert {
    condition     = aws_route.public_internet[0].destination_cidr_block == "0.0.0.0/0" && length(aws_internet_gateway.this) == 1
    error_message = "the public tier routes to the internet gateway"
  }

  assert {
    condition     = aws_vpc.this.cidr_block == "10.17.0.0/16" && aws_vpc.this.tags.Environment == "prod" && aws_vpc.this.tags.Name == "prod-use1"
    error_message = "VPC CIDR and tags"
  }

  assert {
    condition     = length(aws_ec2_transit_gateway_vpc_attachment.this) == 1 && toset(aws_ec2_transit_gateway_vpc_attachment.this[0].subnet_ids) == toset([for s in aws_subnet.private : s.id])
    error_message = "the TGW attachment must use the private subnets"
  }

  assert {
    condition     = aws_ec2_transit_gateway_vpc_attachment.this[0].transit_gateway_default_route_table_association == false && aws_ec2_transit_gateway_vpc_attachment.this[0].transit_gateway_default_route_table_propagation == false
    error_message = "the attachment stays out of any default route table on AWS"
  }

  assert {
    condition     = aws_ec2_transit_gateway_route_table_association.this[0].transit_gateway_route_table_id == "tgw-rtb-0000000000000prod" && aws_ec2_transit_gateway_route_table_propagation.this["shared"].transit_gateway_route_table_id == "tgw-rtb-00000000000shared"
    error_message = "association with the named route table and propagation into the shared one"
  }
}

run "isolated_tier_nacl_only_admits_the_database_port_from_the_private_tier" {
  command = plan

  assert {
    condition     = alltrue([for r in aws_network_acl.isolated.ingress : contains(var.private_subnet_cidrs, r.cidr_block) && r.action == "allow" && r.protocol == "tcp"])
    error_message = "isolated NACL ingress must only name private-tier CIDRs"
  }

  assert {
    condition     = toset([for r in aws_network_acl.isolated.ingress : r.cidr_block if r.from_port == 5432 && r.to_port == 5432]) == toset(var.private_subnet_cidrs)
    error_message = "each private CIDR may reach the database port"
  }

  assert {
    condition     = alltrue([for r in aws_network_acl.isolated.ingress : (r.from_port == 5432 && r.to_port == 5432) || (r.from_port == 1024 && r.to_port == 65535)])
    error_message = "only the database port and ephemeral replies are open inbound"
  }

  assert {
    condition     = alltrue([for r in aws_network_acl.isolated.egress : contains(var.private_subnet_cidrs, r.cidr_block)])
    error_message = "isolated NACL egress must only name private-tier CIDRs"
  }

  assert {
    condition     = length(aws_route.private_transit) == 0 && alltrue([for rt in aws_route_table.isolated : length(rt.route) == 0])
    error_message = "the isolated tier has no routes out of the VPC"
  }
}

run "flow_logs_encrypted_retained_and_least_privilege" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.flow_logs.retention_in_days == 365 && aws_cloudwatch_log_group.flow_logs.kms_key_id == aws_kms_key.flow_logs[0].arn
    error_message = "flow log group must be KMS-encrypted with a year's retention"
  }

  assert {
    condition     = aws_kms_key.flow_logs[0].enable_key_rotation
    error_message = "the flow-log CMK must rotate"
  }

  assert {
    condition = (
      [for s in jsondecode(aws_kms_key.flow_logs[0].policy).Statement : s.Sid] == ["AccountAdministration", "CloudWatchLogsUsesKeyForThisGroup"] &&
      jsondecode(aws_kms_key.flow_logs[0].policy).Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/prod-use1/flow-logs"
    )
    error_message = "the account administers the flow-log CMK, and CloudWatch Logs may use it for the flow log group only"
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.flow_logs.policy).Statement[0].Resource == ["arn:aws:logs:us-east-1:123456789012:log-group:/vpc/prod-use1/flow-logs", "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/prod-use1/flow-logs:*"]
    error_message = "the flow-log role may write to its own log group only"
  }

  assert {
    condition     = jsondecode(aws_iam_role.flow_logs.assume_role_policy).Statement[0].Principal.Service == "vpc-flow-logs.amazonaws.com"
    error_message = "only the flow logs service may assume the role"
  }

  assert {
    condition     = aws_flow_log.this.traffic_type == "ALL" && aws_flow_log.this.iam_role_arn == aws_iam_role.flow_logs.arn
    error_message = "all traffic is logged through the role"
  }

  assert {
    condition     = toset([for e in aws_vpc_endpoint.interface : e.service_name]) == toset(["com.amazonaws.us-east-1.ssm", "com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.logs"])
    error_message = "one interface endpoint per listed service"
  }

  assert {
    condition     = one(aws_security_group.endpoints.ingress).from_port == 443 && one(aws_security_group.endpoints.ingress).cidr_blocks == tolist(["10.17.0.0/16"])
    error_message = "endpoints accept HTTPS from the VPC only"
  }
}

run "hub_mode_nat_per_az_and_given_kms_key" {
  command = apply

  variables {
    egress                = "nat-gateway"
    transit_gateway_cidrs = ["10.0.0.0/8"]
    flow_log_kms_key_arn  = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 3 && toset([for n in aws_nat_gateway.this : n.subnet_id]) == toset([for s in aws_subnet.public : s.id])
    error_message = "one NAT gateway in each public subnet"
  }

  assert {
    condition     = alltrue([for k, r in aws_route.private_default_nat : r.nat_gateway_id == aws_nat_gateway.this[k].id])
    error_message = "each AZ's private tier uses its own AZ's NAT gateway"
  }

  assert {
    condition     = length(aws_route.private_default_transit) == 0 && length(aws_route.private_transit) == 3 && length(aws_route.public_transit) == 1
    error_message = "hub mode routes only the spoke CIDRs to the TGW"
  }

  assert {
    condition     = length(aws_kms_key.flow_logs) == 0 && aws_cloudwatch_log_group.flow_logs.kms_key_id == var.flow_log_kms_key_arn
    error_message = "a given KMS key is used instead of creating one"
  }
}

run "no_attachment_no_transit_resources" {
  command = plan

  variables {
    egress                            = "none"
    enable_transit_gateway_attachment = false
    transit_gateway_id                = null
  }

  assert {
    condition     = length(aws_ec2_transit_gateway_vpc_attachment.this) == 0 && length(aws_ec2_transit_gateway_route_table_association.this) == 0 && length(aws_ec2_transit_gateway_route_table_propagation.this) == 0
    error_message = "no TGW attachment when switched off"
  }

  assert {
    condition     = length(aws_internet_gateway.this) == 0 && length(aws_route.private_default_transit) == 0
    error_message = "egress none creates no way out"
  }
}

run "rejects_cidr_lists_that_do_not_match_the_zones" {
  command = plan

  variables {
    private_subnet_cidrs = ["10.17.32.0/19", "10.17.64.0/19"]
    vpc_cidr             = "10.17.0.0/33"
  }

  expect_failures = [var.private_subnet_cidrs, var.vpc_cidr]
}

run "rejects_transit_egress_without_an_attachment" {
  command = plan

  variables {
    enable_transit_gateway_attachment = false
    database_port                     = 70000
  }

  expect_failures = [var.egress, var.database_port]
}
