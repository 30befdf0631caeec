provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

variable "organization_arn" {
  description = "From the organization stack."
  type        = string
  default     = "arn:aws:organizations::111122223333:organization/o-abcdef1234"
}

module "hub" {
  source = "../.."
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }

  name                  = "hub-use1"
  amazon_side_asn       = 64512
  route_tables          = ["shared", "prod", "nonprod"]
  vpc_cidr              = "10.16.0.0/16"
  availability_zones    = ["us-east-1a", "us-east-1b", "us-east-1c"]
  public_subnet_cidrs   = ["10.16.0.0/24", "10.16.1.0/24", "10.16.2.0/24"]
  private_subnet_cidrs  = ["10.16.16.0/20", "10.16.32.0/20", "10.16.48.0/20"]
  isolated_subnet_cidrs = ["10.16.64.0/22", "10.16.68.0/22", "10.16.72.0/22"]
  spoke_cidrs           = ["10.16.0.0/12"]
  ram_principals        = [var.organization_arn]
}

output "transit_gateway_id" {
  value = module.hub.transit_gateway_id
}
