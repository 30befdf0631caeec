provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub" }
  }
}

module "dns" {
  source = "../.."

  name               = "allergyhub-shared"
  create_public_zone = true
  public_zone_name   = "allergyhub.example"
  log_kms_key_arn    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  private_zones = [{
    name = "prod.internal.allergyhub.example"
    vpcs = [{ vpc_id = "vpc-0a1b2c3d4e5f60718" }]
  }]

  allow_wildcard_names = true
  certificates = [
    { name = "edge-prod", domain = "app.allergyhub.example", alternative_names = ["api.allergyhub.example"] },
    { name = "edge-dev", domain = "app.dev.allergyhub.example", alternative_names = ["*.preview.dev.allergyhub.example"] },
  ]
}

output "certificate_arns" {
  value = module.dns.certificate_arns
}
