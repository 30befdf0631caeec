provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { ManagedBy = "plinth" }
  }
}

module "preview_leases" {
  source = "../.."

  name       = "allergyhub"
  table_name = "allergyhub-preview-leases"
  tags       = { Owner = "platform-team" }
}

output "table_name" {
  value = module.preview_leases.table_name
}
