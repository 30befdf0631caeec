provider "aws" {
  region = "us-east-1"
}

# In the audit account, once registered as Config's delegated administrator.
module "aggregator" {
  source = "../.."

  name = "allergyhub-organization"
}

output "aggregator_arn" {
  value = module.aggregator.aggregator_arn
}
