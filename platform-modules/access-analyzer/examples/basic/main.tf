provider "aws" {
  region = "us-east-1"
}

# In the audit account, once registered as Access Analyzer's delegated administrator.
module "access_analyzer" {
  source = "../.."

  name = "allergyhub-organization"
}

output "analyzer_arn" {
  value = module.access_analyzer.analyzer_arn
}
