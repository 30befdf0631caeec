output "customer_gateway_id" {
  description = "Customer gateway ID (null while the VPN is off)."
  value       = one(aws_customer_gateway.corporate[*].id)
}

output "vpn_connection_id" {
  description = "Site-to-Site VPN connection ID (null while the VPN is off)."
  value       = one(aws_vpn_connection.corporate[*].id)
}

output "vpn_transit_gateway_attachment_id" {
  description = "TGW attachment of the VPN (null while the VPN is off), for routes added elsewhere."
  value       = one(aws_vpn_connection.corporate[*].transit_gateway_attachment_id)
}

output "vpn_tunnel_addresses" {
  description = "Public addresses of the two AWS tunnel endpoints, to configure on the corporate device (empty while off)."
  value       = flatten([for v in aws_vpn_connection.corporate : [v.tunnel1_address, v.tunnel2_address]])
}

output "dx_gateway_id" {
  description = "Direct Connect gateway ID (null while Direct Connect is off); the transit VIF attaches to it."
  value       = one(aws_dx_gateway.corporate[*].id)
}

output "dx_gateway_association_id" {
  description = "Association of the Direct Connect gateway with the TGW (null while off)."
  value       = one(aws_dx_gateway_association.tgw[*].id)
}

output "dx_transit_gateway_attachment_id" {
  description = "TGW attachment of the Direct Connect gateway (null while off)."
  value       = one(data.aws_ec2_transit_gateway_dx_gateway_attachment.this[*].id)
}
