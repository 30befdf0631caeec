provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub" }
  }
}

module "container_registry" {
  source = "../.."

  name = "allergyhub-registry"
  repositories = [
    { name = "policy-service", source_repository = "policy-service", keep_images = 30 },
  ]
  push_principal_arns = ["arn:aws:iam::111122223333:role/plinth-deploy"]
  pull_account_ids    = ["444455556666"]
}

output "repository_urls" {
  value = module.container_registry.repository_urls
}
