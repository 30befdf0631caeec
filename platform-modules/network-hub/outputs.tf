output "transit_gateway_id" {
  description = "Transit Gateway ID, for spoke attachments, VPN and Direct Connect."
  value       = aws_ec2_transit_gateway.this.id
}

output "transit_gateway_arn" {
  description = "Transit Gateway ARN."
  value       = aws_ec2_transit_gateway.this.arn
}

output "route_table_ids" {
  description = "TGW route table IDs by name; spokes associate with and propagate into these."
  value       = { for name, rt in aws_ec2_transit_gateway_route_table.this : name => rt.id }
}

output "vpc_id" {
  description = "Hub VPC ID."
  value       = module.vpc.vpc_id
}

output "subnet_ids" {
  description = "Hub subnet IDs by tier (public, private, isolated), each in AZ order."
  value       = module.vpc.subnet_ids
}

output "hub_attachment_id" {
  description = "The hub VPC's own TGW attachment ID."
  value       = module.vpc.transit_gateway_attachment_id
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs of the central egress, per AZ."
  value       = module.vpc.nat_gateway_ids
}

output "ram_share_arn" {
  description = "ARN of the RAM share of the TGW (null when enable_ram_share is false)."
  value       = one(aws_ram_resource_share.tgw[*].arn)
}

output "peering_attachment_id" {
  description = "Inter-region TGW peering attachment ID (null without peering)."
  value       = one(aws_ec2_transit_gateway_peering_attachment.dr[*].id)
}
