provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

variable "transit_gateway_id" {
  description = "From the network-hub stack."
  type        = string
  default     = "tgw-0123456789abcdef0"
}

# Both connections stay off until the corporate-connectivity blocker clears; the values are ready.
module "connectivity" {
  source = "../.."

  name               = "corporate-use1"
  transit_gateway_id = var.transit_gateway_id
  vpn = {
    enabled                    = false
    customer_gateway_ip        = "203.0.113.10"
    customer_gateway_asn       = 65010
    association_route_table_id = "tgw-rtb-00000000000shared"
    route_table_ids            = { prod = "tgw-rtb-0000000000000prod", nonprod = "tgw-rtb-0000000000nonprod" }
  }
  direct_connect = {
    enabled          = false
    amazon_side_asn  = 64513
    allowed_prefixes = ["10.16.0.0/12", "10.32.0.0/12"]
  }
}

output "vpn_connection_id" {
  value = module.connectivity.vpn_connection_id
}
