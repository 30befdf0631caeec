provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub", Environment = "prod" }
  }
}

module "edge" {
  source = "../.."

  name                     = "allergyhub-prod"
  aliases                  = ["app.allergyhub.example", "api.allergyhub.example"]
  acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
  minimum_protocol_version = "TLSv1.2_2021"
  price_class              = "PriceClass_100"
  origin_domain_name       = "origin.prod.allergyhub.example"
}

output "distribution_domain_name" {
  value = module.edge.distribution_domain_name
}
