provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth", Environment = "staging" }
  }
}

variable "transit_gateway_id" {
  description = "TGW from the network-hub stack."
  type        = string
  default     = "tgw-0123456789abcdef0"
}

module "spoke" {
  source = "../.."

  name                  = "staging-use1"
  vpc_cidr              = "10.18.0.0/16"
  availability_zones    = ["us-east-1a", "us-east-1b"]
  public_subnet_cidrs   = ["10.18.0.0/22", "10.18.4.0/22"]
  private_subnet_cidrs  = ["10.18.32.0/19", "10.18.64.0/19"]
  isolated_subnet_cidrs = ["10.18.128.0/22", "10.18.132.0/22"]
  interface_endpoints   = ["ssm", "ssmmessages", "ec2messages", "secretsmanager", "kms", "logs"]

  transit_gateway_id                          = var.transit_gateway_id
  transit_gateway_route_table_id              = "tgw-rtb-0000000000nonprod"
  transit_gateway_propagation_route_table_ids = { shared = "tgw-rtb-00000000000shared" }
}

output "subnet_ids" {
  value = module.spoke.subnet_ids
}
