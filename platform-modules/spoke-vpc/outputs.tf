output "vpc_id" {
  description = "VPC ID."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "VPC IPv4 CIDR."
  value       = aws_vpc.this.cidr_block
}

output "subnet_ids" {
  description = "Subnet IDs by tier (public, private, isolated), each in availability_zones order."
  value       = { for tier, subnets in local.tier_subnets : tier => [for s in subnets : s.id] }
}

output "subnet_cidrs" {
  description = "Subnet CIDRs by tier, each in availability_zones order."
  value       = { for tier, subnets in local.tier_subnets : tier => [for s in subnets : s.cidr_block] }
}

output "route_table_ids" {
  description = "Route table IDs by tier: one for public, one per AZ for private and isolated (AZ order)."
  value = {
    public   = [aws_route_table.public.id]
    private  = [for rt in aws_route_table.private : rt.id]
    isolated = [for rt in aws_route_table.isolated : rt.id]
  }
}

output "transit_gateway_attachment_id" {
  description = "TGW VPC attachment ID (null without an attachment), for routes and associations done in the hub stack."
  value       = one(aws_ec2_transit_gateway_vpc_attachment.this[*].id)
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs per AZ (empty unless egress = nat-gateway)."
  value       = [for n in aws_nat_gateway.this : n.id]
}

output "interface_endpoint_ids" {
  description = "Interface endpoint IDs by service short name."
  value       = { for s, e in aws_vpc_endpoint.interface : s => e.id }
}

output "endpoint_security_group_id" {
  description = "Security group of the interface endpoints (443 from the VPC)."
  value       = aws_security_group.endpoints.id
}

output "flow_log_group_name" {
  description = "CloudWatch Logs group receiving the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}

output "propagation_route_table_ids" {
  description = "TGW route tables the attachment propagates into, by name (empty when routing is not managed here)."
  value       = { for name, p in aws_ec2_transit_gateway_route_table_propagation.this : name => p.transit_gateway_route_table_id }
}
